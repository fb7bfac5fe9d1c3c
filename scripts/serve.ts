// Quita's server: boot (env, database, migrations), then serve the Remix app,
// built (default) or through Vite's dev server (--dev, used by `shopify app dev`).
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express, { type NextFunction, type Request, type Response } from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { bootOrExit } from "./boot";

export async function serve(options: { dev: boolean; port?: number }): Promise<{ url: string; close(): Promise<void> }> {
  const { env, database } = await bootOrExit();
  const app = express();
  app.disable("x-powered-by");
  if (env.APP_BRIDGE_URL) app.use(withoutCdnPreloads);
  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (options.dev) {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = path.resolve("build");
    app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
    build = (await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href)) as ServerBuild;
  }
  app.all("*", createRequestHandler({ build }));
  // Background work (jobs, the webhook applier) starts here on purpose, not when a module is
  // imported; with QUITA_JOB_RUNNER=off, scripts/worker.ts processes do it instead.
  const background = env.QUITA_JOB_RUNNER === "on" ? await (await import("../app/.server/jobs/background.server")).startBackgroundWork() : null;
  const port = options.port ?? env.PORT;
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, env.HOST, () => resolve(listening));
    listening.once("error", (error) => {
      console.error(`quita: cannot start: cannot listen on ${env.HOST} port ${port} (HOST, PORT): ${error.message}`);
      process.exit(1);
    });
  });
  const address = server.address();
  // On every interface (0.0.0.0, ::), the URL printed is the loopback one: it works from this machine.
  const everyInterface = env.HOST === "0.0.0.0" || env.HOST === "::";
  const host = everyInterface ? "127.0.0.1" : env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
  const url = `http://${host}:${typeof address === "object" && address ? address.port : port}`;
  console.log(`quita: serving on ${url}${everyInterface ? ` (listening on every interface, ${env.HOST})` : ""}`);
  return {
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await background?.stop();
      await database.close();
    },
  };
}

/**
 * In demo and test mode a local stand-in replaces the App Bridge script of Shopify's CDN
 * (APP_BRIDGE_URL). The library still announces the CDN copy in a `Link: rel=preload` header, on
 * the pages Remix renders and on its own session-token bounce page (a bare response Remix passes
 * through): offline, the browser's fetch of it could only fail, in the console, on every opening.
 */
function withoutCdnPreloads(_request: Request, response: Response, next: NextFunction): void {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = (name, value) => {
    if (name.toLowerCase() !== "link") return setHeader(name, value);
    const kept = [value]
      .flat()
      .flatMap((links) => String(links).split(/,\s*(?=<)/))
      .filter((link) => !link.includes("cdn.shopify.com"));
    return kept.length > 0 ? setHeader(name, kept.join(", ")) : response;
  };
  next();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await serve({ dev: process.argv.includes("--dev") });
}
