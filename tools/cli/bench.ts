/**
 * `npm run bench -- [--runs N] [--fleet-size N] [--separate-runs N] [--faithfulness-rounds N] [--skip-separate] [--skip-faithfulness] [--skip-tests] [--json <file>]`
 *
 * Measures side by side: planning one tenant (example); planning a generated fleet in one process
 * (`plan --all`); the same fleet as one process per tenant; validating the fleet's files; the
 * sample tenants planned with and without the faithfulness checks (target: at most 10 % more);
 * and the test suite's wall time. Prints each step's median and peak RSS, and the ratios.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import * as path from "node:path";
import { parseCommandLine, type Io } from "../command-line";
import { fleetTenantId, generateFleet, MAX_FLEET_SIZE } from "../bench/fleet";
import { runChild, runTs, type ChildRun } from "../bench/measure";
import { renderReport, type BenchResults, type FaithfulnessMeasurement, type Machine, type Measurement } from "../bench/report";
import type { FaithfulnessTimes } from "../bench/faithfulness";

const USAGE = `usage: npm run bench -- [--runs N] [--fleet-size N] [--separate-runs N] [--faithfulness-rounds N] [--skip-separate] [--skip-faithfulness] [--skip-tests] [--json <file>]

  --runs N           runs of each cheap step, reported as the median (default 3)
  --fleet-size N     tenants in the generated fleet, 2 to ${MAX_FLEET_SIZE} (default 100)
  --separate-runs N  runs of the one-process-per-tenant step (default 1: it is the slowest)
  --faithfulness-rounds N  rounds of the sample tenants planned with and without the faithfulness checks (default 5)
  --skip-separate    leave out the one-process-per-tenant step
  --skip-faithfulness  leave out the faithfulness checks' cost
  --skip-tests       leave out the test suite
  --json <file>      also write the measurements as JSON`;

const ROOT = path.resolve(__dirname, "..", "..");
const PLAN_CLI = "tools/cli/plan.ts";
/** The folder of the sample tenants the faithfulness step plans. */
const SAMPLE_TENANTS = "samples";

class BenchError extends Error {}

function positiveInteger(name: string, text: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new BenchError(`--${name} takes a whole number from 1 to ${max}; got "${text}"`);
  return value;
}

function checked(name: string, run: ChildRun): ChildRun {
  if (run.exitCode !== 0) throw new BenchError(`${name} failed (exit ${run.exitCode}):\n${(run.stderr || run.stdout).slice(-2000)}`);
  return run;
}

async function measure(name: string, runs: number, once: () => Promise<ChildRun>, io: Io, note?: string): Promise<Measurement> {
  const seconds: number[] = [];
  let peak: number | undefined;
  for (let i = 0; i < runs; i++) {
    const run = checked(name, await once());
    seconds.push(run.seconds);
    if (run.peakRssMb !== undefined) peak = Math.max(peak ?? 0, run.peakRssMb);
    io.err(`  ${name}: run ${i + 1}/${runs}: ${run.seconds.toFixed(2)} s`);
  }
  return { name, seconds, peakRssMb: peak, note };
}

/** One process per tenant, one after the other: the summed time and the largest peak. */
async function separateProcesses(dir: string, size: number): Promise<ChildRun> {
  let seconds = 0;
  let peak: number | undefined;
  for (let i = 0; i < size; i++) {
    const run = checked(`plan ${fleetTenantId(i)}`, await runTs(PLAN_CLI, [fleetTenantId(i), "--dir", dir, "--quiet"], ROOT));
    seconds += run.seconds;
    if (run.peakRssMb !== undefined) peak = Math.max(peak ?? 0, run.peakRssMb);
  }
  return { seconds, peakRssMb: peak, exitCode: 0, stdout: "", stderr: "" };
}

function machine(): Machine {
  const cpuList = cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** Runs the benchmark; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, {
    runs: { type: "string" }, "fleet-size": { type: "string" }, "separate-runs": { type: "string" },
    "faithfulness-rounds": { type: "string" }, "skip-separate": { type: "boolean" }, "skip-faithfulness": { type: "boolean" },
    "skip-tests": { type: "boolean" }, json: { type: "string" },
  }, USAGE, io);
  if ("exit" in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  let runs: number, size: number, separateRuns: number, faithfulnessRounds: number;
  try {
    if (positionals.length > 0) throw new BenchError(`unexpected argument "${positionals[0]}"`);
    runs = positiveInteger("runs", values.runs, 3);
    size = positiveInteger("fleet-size", values["fleet-size"], 100, MAX_FLEET_SIZE);
    if (size < 2) throw new BenchError("--fleet-size must be at least 2 (the ratios compare a fleet with one tenant)");
    separateRuns = positiveInteger("separate-runs", values["separate-runs"], 1);
    faithfulnessRounds = positiveInteger("faithfulness-rounds", values["faithfulness-rounds"], 5);
  } catch (error) {
    if (!(error instanceof BenchError)) throw error;
    io.err(`${error.message}\n${USAGE}`);
    return 2;
  }

  const dir = mkdtempSync(path.join(tmpdir(), "bench-fleet-"));
  try {
    generateFleet(dir, size, path.join(ROOT, "samples", "example.yaml"));
    const results: BenchResults = {
      machine: machine(),
      fleetSize: size,
      one: await measure("plan one tenant (example)", runs, () => runTs(PLAN_CLI, ["example", "--quiet"], ROOT), io),
      fleet: await measure(`plan --all, ${size} tenants, one process`, runs, () => runTs(PLAN_CLI, ["--all", "--dir", dir], ROOT), io),
      separate: values["skip-separate"] ? undefined
        : await measure(`plan ${size} tenants, one process each`, separateRuns, () => separateProcesses(dir, size), io, "sum of sequential runs; peak of the largest"),
      validation: await validation(dir, size, runs, io),
      faithfulness: values["skip-faithfulness"] ? undefined : await faithfulness(faithfulnessRounds, io),
      tests: values["skip-tests"] ? undefined : await testSuite(io),
    };
    io.out(renderReport(results));
    if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof BenchError)) throw error;
    io.err(error.message);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Validation of the fleet: the time inside the process (without module loading), and the process's peak. */
async function validation(dir: string, size: number, runs: number, io: Io): Promise<Measurement> {
  const inside: number[] = [];
  const whole = await measure(`validate ${size} tenant files`, runs, async () => {
    const run = await runTs("tools/bench/validate-fleet.ts", [dir], ROOT);
    if (run.exitCode === 0) inside.push((JSON.parse(run.stdout) as { seconds: number }).seconds);
    return run;
  }, io);
  const processSeconds = [...whole.seconds].sort((a, b) => a - b)[Math.floor(whole.seconds.length / 2)] ?? 0;
  return { ...whole, seconds: inside, note: `loading and validating only; the whole process took ${processSeconds.toFixed(2)} s (median)` };
}

/** The sample tenants planned with and without the faithfulness checks, in one child process. */
async function faithfulness(rounds: number, io: Io): Promise<FaithfulnessMeasurement> {
  io.err(`  faithfulness checks: ${rounds} rounds over ${SAMPLE_TENANTS}/ (and a warm-up round)`);
  const run = checked("faithfulness checks", await runTs("tools/bench/faithfulness.ts", [SAMPLE_TENANTS, String(rounds)], ROOT));
  const times = JSON.parse(run.stdout.trim().split("\n").pop()!) as FaithfulnessTimes;
  return {
    tenants: times.tenants,
    checkedCpu: times.checked.cpuSeconds,
    uncheckedCpu: times.unchecked.cpuSeconds,
    checkedWall: times.checked.wallSeconds,
    uncheckedWall: times.unchecked.wallSeconds,
  };
}

/** The test suite's wall time, once (it is reported even when a test fails). */
async function testSuite(io: Io): Promise<Measurement> {
  const run = await runChild(process.execPath, ["node_modules/vitest/vitest.mjs", "run"], ROOT);
  io.err(`  test suite: ${run.seconds.toFixed(1)} s (exit ${run.exitCode})`);
  if (run.exitCode !== 0) io.err(run.stdout.split("\n").filter((line) => /FAIL|×/.test(line)).join("\n"));
  const summary = /tests: \d+ passed, \d+ failed, \d+ skipped/.exec(run.stdout)?.[0];
  return { name: "test suite (vitest run)", seconds: [run.seconds], peakRssMb: run.peakRssMb, note: summary ?? `exit ${run.exitCode}` };
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) }).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      console.error("internal error (please report):", error);
      process.exitCode = 70;
    },
  );
}
