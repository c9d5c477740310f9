/**
 * The acceptance smoke application (acceptance/app) run as its image runs it: `node
 * src/server.mjs` with its own dependencies (acceptance/app/node_modules, installed by
 * `npm ci --prefix acceptance/app`, which the root package's postinstall runs), on a free local port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { freePort } from "./free-port";

export { freePort };

export const SMOKE_APP_DIR = path.resolve(__dirname, "../../acceptance/app");

/** True when the app's dependencies are installed; in CI their absence fails, elsewhere it skips with a notice. */
export function smokeAppInstalled(): boolean {
  if (existsSync(path.join(SMOKE_APP_DIR, "node_modules", "ioredis"))) return true;
  const message = "the smoke application's dependencies are not installed (run npm ci --prefix acceptance/app)";
  if (process.env["CI"]) throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
  return false;
}


export interface RunningSmokeApp {
  readonly url: string;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the app with exactly `env` (plus PATH), and waits until /livez answers. */
export async function startSmokeApp(env: Record<string, string>): Promise<RunningSmokeApp> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["src/server.mjs"], {
    cwd: SMOKE_APP_DIR,
    env: { PATH: process.env["PATH"] ?? "", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/livez`)).ok) break;
    } catch {
      if (attempt > 100 || child.exitCode !== null) throw new Error(`the smoke app did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    output: () => output,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
  };
}
