import { spawnSync } from "node:child_process";
import path from "node:path";

// A benchmark run with no arguments runs each of its configurations in a process of its own (each
// loads the app's modules against its own database), shows what they print and collects the
// result each prints last as `RESULT <json>`.
export function runEachConfiguration<R>(script: string, configurations: string[][]): R[] {
  const results: R[] = [];
  for (const configuration of configurations) {
    console.log(`\n$ npx tsx ${script} ${configuration.join(" ")}`);
    const run = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), script, ...configuration], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
    process.stdout.write(
      run.stdout
        .split("\n")
        .filter((l) => !l.startsWith("RESULT "))
        .join("\n"),
    );
    const found = /^RESULT (.*)$/m.exec(run.stdout);
    if (run.status !== 0 || !found) throw new Error(`${script} ${configuration.join(" ")} failed (exit ${run.status})`);
    results.push(JSON.parse(found[1]!) as R);
  }
  return results;
}
