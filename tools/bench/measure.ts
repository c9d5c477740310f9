/** Running a child process and measuring its wall time and peak memory. */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/** GNU time, which reports the peak resident set size of what it runs. */
const GNU_TIME = "/usr/bin/time";

/** One child process run. */
export interface ChildRun {
  /** Wall time, in seconds. */
  readonly seconds: number;
  /** Peak resident set size of the child (the largest of its processes), in MB; undefined when unmeasured. */
  readonly peakRssMb: number | undefined;
  /** The child's exit code (1 when it was killed by a signal). */
  readonly exitCode: number;
  /** What it wrote to standard output. */
  readonly stdout: string;
  /** What it wrote to standard error (with GNU time's report when timed). */
  readonly stderr: string;
}

/** The "Maximum resident set size (kbytes)" GNU time -v prints, in MB. */
export function parseGnuTimeRss(stderr: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return match ? Number(match[1]) / 1024 : undefined;
}

/** The peak RSS (VmHWM) of a live process from /proc, in MB. */
function procPeakRss(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `command args` in `cwd` and measures it: under GNU time when installed, else by sampling
 * the child's peak RSS in /proc every 50 ms (which sees the child itself, not its children).
 */
export function runChild(command: string, args: readonly string[], cwd: string): Promise<ChildRun> {
  const timed = existsSync(GNU_TIME);
  const [file, argv] = timed ? [GNU_TIME, ["-v", command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
    let stdout = "";
    let stderr = "";
    let sampled: number | undefined;
    child.stdout.on("data", (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
    const sampler = timed ? undefined : setInterval(() => {
      const rss = child.pid === undefined ? undefined : procPeakRss(child.pid);
      if (rss !== undefined) sampled = Math.max(sampled ?? 0, rss);
    }, 50);
    child.on("error", reject);
    child.on("close", (code) => {
      if (sampler) clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, peakRssMb: timed ? parseGnuTimeRss(stderr) : sampled, exitCode: code ?? 1, stdout, stderr });
    });
  });
}

/** Runs a TypeScript entry point of the repository with this Node and tsx. */
export function runTs(entry: string, args: readonly string[], cwd: string): Promise<ChildRun> {
  return runChild(process.execPath, ["--import", "tsx", entry, ...args], cwd);
}
