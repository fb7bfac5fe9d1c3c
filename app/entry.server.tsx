import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";

export const streamTimeout = 5000;

// A 4xx Remix raises by itself (a POST to an address with no form, a route that does not
// exist) is the caller's mistake, not a fault in Quita: one line, no stack trace. Everything
// else is logged whole, for whoever has to fix it.
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) {
    console.warn(`quita: ${request.method} ${new URL(request.url).pathname} answered ${error.status} ${error.statusText}`.trimEnd());
    return;
  }
  console.error(error);
};

/**
 * In demo and test mode a local stand-in replaces the App Bridge script of Shopify's CDN
 * (APP_BRIDGE_URL): the library's preload of the CDN copy would only fail, offline, in the
 * browser's console.
 */
function withoutCdnPreloads(headers: Headers): void {
  const links = headers.get("Link");
  if (!process.env.APP_BRIDGE_URL || !links) return;
  const kept = links.split(/,\s*(?=<)/).filter((link) => !link.includes("cdn.shopify.com"));
  if (kept.length > 0) headers.set("Link", kept.join(", "));
  else headers.delete("Link");
}

export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  addDocumentResponseHeaders(request, responseHeaders);
  withoutCdnPreloads(responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
