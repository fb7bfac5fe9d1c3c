import { spawn, type ChildProcess } from "node:child_process";
import { repoRoot } from "../support/admin-schema";

// `scripts/demo.ts` as a newcomer runs it (the test command has installed and built already),
// on a data folder the test chooses, with the URL and commands it prints.

export interface RunningDemo {
  /** The Collections URL it printed. */
  url: string;
  appUrl: string;
  doubleUrl: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** The command it printed after `label:` (e.g. "time passes"), as printed. */
  printedCommand(label: string): string;
  /** Stops it as Ctrl+C would; resolves with its exit code. */
  stop(): Promise<number | null>;
}

export async function startDemo(dataDir: string): Promise<RunningDemo> {
  const child: ChildProcess = spawn(
    process.execPath,
    // tsx as a loader, not its CLI: the CLI sits between the signal and the demo and, when the demo's
    // process does not confirm a SIGTERM within 30 ms (a busy machine), kills it with SIGKILL (exit
    // 143, the double's shop unsaved). See scripts/quita.
    ["--import", "tsx", "scripts/demo.ts", "--port", "0", "--double-port", "0"],
    {
      cwd: repoRoot,
      env: { ...process.env, QUITA_DATA_DIR: dataDir, DATABASE_URL: "" },
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no URL in 90 s:\n${output}`)), 90_000);
    const look = () => {
      const found = /Open the Collections tab:\s+(\S+)/.exec(output)?.[1];
      if (found && /Stop with Ctrl\+C/.test(output)) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on("data", look);
    void exited.then((code) => reject(new Error(`the demo exited with ${code}:\n${output}`)));
  });
  const [, appUrl, doubleUrl] = /the app on (\S+), the local Shopify double on (\S+?)\.\n/.exec(output) ?? [];
  return {
    url,
    appUrl,
    doubleUrl,
    output: () => output,
    printedCommand(label) {
      const line = output.split("\n").find((l) => l.trimStart().startsWith(`${label}:`));
      if (!line) throw new Error(`the demo printed no "${label}" command:\n${output}`);
      return line.slice(line.indexOf(":") + 1).trim();
    },
    async stop() {
      child.kill("SIGTERM");
      const code = await exited;
      // A demo that did not stop cleanly says why in the test's log (CI shows nothing else of it).
      if (code !== 0) console.error(`the demo stopped with ${code}; its last output:\n${output.split("\n").slice(-40).join("\n")}`);
      return code;
    },
  };
}

/** Runs a command line the demo printed, from the repository root, as a reader would paste it. */
export function runPrinted(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", command], { cwd: repoRoot, env: process.env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output}`))));
  });
}
