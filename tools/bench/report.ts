/** The benchmark's table and ratios as text. */
import { marginalCost, median, ratio } from "./stats";

/** One measured step: its run times and the largest peak RSS seen. */
export interface Measurement {
  /** What was measured, as printed. */
  readonly name: string;
  /** Wall time of each run, in seconds. */
  readonly seconds: readonly number[];
  /** The largest peak resident set size over the runs, in MB; undefined when unmeasured. */
  readonly peakRssMb: number | undefined;
  /** Anything the reader should know (what was timed, a failing exit code). */
  readonly note?: string;
}

/** The machine a benchmark ran on. */
export interface Machine {
  /** The day of the run, YYYY-MM-DD. */
  readonly date: string;
  /** Logical CPUs. */
  readonly cpus: number;
  /** The CPU model as the system names it. */
  readonly cpuModel: string;
  /** Total memory, in GiB. */
  readonly memoryGb: number;
  /** The Node version that ran the steps. */
  readonly node: string;
}

/** The faithfulness checks' cost: the sample tenants planned with and without them (`faithfulness.ts`). */
export interface FaithfulnessMeasurement {
  /** Tenants planned per round. */
  readonly tenants: number;
  /** CPU seconds (user + system) per round, summed over the tenants, with the checks. */
  readonly checkedCpu: readonly number[];
  /** The same without the checks. */
  readonly uncheckedCpu: readonly number[];
  /** Wall seconds per round with the checks. */
  readonly checkedWall: readonly number[];
  /** Wall seconds per round without the checks. */
  readonly uncheckedWall: readonly number[];
}

/** The most the faithfulness checks may add to planning, in percent. */
export const FAITHFULNESS_TARGET_PERCENT = 10;

/** What the checks add, in percent of the time without them: from the totals over all rounds. */
export function overheadPercent(checked: readonly number[], unchecked: readonly number[]): number | undefined {
  const without = unchecked.reduce((sum, value) => sum + value, 0);
  const added = ratio(checked.reduce((sum, value) => sum + value, 0), without);
  return added === undefined ? undefined : (added - 1) * 100;
}

/** The steps the ratios are computed from. */
export interface BenchResults {
  readonly machine: Machine;
  /** Tenants in the generated fleet. */
  readonly fleetSize: number;
  /** Planning one tenant. */
  readonly one: Measurement;
  /** Planning the fleet in one process. */
  readonly fleet: Measurement;
  /** Planning the fleet, one process per tenant (left out with --skip-separate). */
  readonly separate?: Measurement;
  /** Loading and validating the fleet's files. */
  readonly validation: Measurement;
  /** The test suite (left out with --skip-tests). */
  readonly tests?: Measurement;
  /** The faithfulness checks' cost (left out with --skip-faithfulness). */
  readonly faithfulness?: FaithfulnessMeasurement;
}

function seconds(value: number | undefined, digits = 2): string {
  return value === undefined ? "n/a" : `${value.toFixed(digits)} s`;
}

function times(value: number | undefined): string {
  return value === undefined ? "n/a" : `${value.toFixed(1)}×`;
}

/** A Markdown table of the steps (median seconds, runs, peak RSS) followed by the ratios. */
export function renderReport(results: BenchResults): string {
  const { machine, fleetSize: n } = results;
  const steps = [results.one, results.fleet, results.separate, results.validation, results.tests].filter((m): m is Measurement => m !== undefined);
  const lines = [
    `Benchmark, ${machine.date}: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB memory, Node ${machine.node}`,
    "",
    "| step | median | runs | peak RSS | note |",
    "|---|---:|---:|---:|---|",
    ...steps.map((m) => `| ${m.name} | ${seconds(median(m.seconds))} | ${m.seconds.length} | ${m.peakRssMb === undefined ? "n/a" : `${Math.round(m.peakRssMb)} MB`} | ${m.note ?? ""} |`),
    "",
  ];
  const one = median(results.one.seconds);
  const fleet = median(results.fleet.seconds);
  lines.push(`- fleet in one process ÷ one tenant: ${times(ratio(fleet, one))} (for ${n} tenants)`);
  lines.push(`- per-tenant marginal cost in one process: ${seconds(marginalCost(fleet, one, n), 3)} ((fleet − one) / ${n - 1})`);
  if (results.separate) {
    const separate = median(results.separate.seconds);
    lines.push(`- ${n} separate processes ÷ one process: ${times(ratio(separate, fleet))}; ${seconds(separate / n, 3)} per tenant`);
  }
  lines.push(`- validation per tenant file: ${seconds(median(results.validation.seconds) / n, 4)}`);
  if (results.faithfulness) lines.push(...renderFaithfulness(results.faithfulness));
  return lines.join("\n");
}

function percent(value: number | undefined): string {
  return value === undefined ? "n/a" : `${value >= 0 ? "+" : ""}${value.toFixed(1)} %`;
}

/** The faithfulness checks' lines: medians per round with and without, and the overhead against its target. */
function renderFaithfulness(f: FaithfulnessMeasurement): string[] {
  const cpu = overheadPercent(f.checkedCpu, f.uncheckedCpu);
  const verdict = cpu === undefined ? "n/a" : cpu <= FAITHFULNESS_TARGET_PERCENT ? "within" : "ABOVE";
  return [
    "",
    `Faithfulness checks (duplicate URNs, physical names, preflight rules, reachability), ${f.tenants} sample tenants planned with the pack, ${f.checkedCpu.length} rounds:`,
    "",
    "| | with checks | without | overhead |",
    "|---|---:|---:|---:|",
    `| CPU time per round (median) | ${seconds(median(f.checkedCpu))} | ${seconds(median(f.uncheckedCpu))} | ${percent(overheadPercent([median(f.checkedCpu)], [median(f.uncheckedCpu)]))} |`,
    `| wall time per round (median) | ${seconds(median(f.checkedWall))} | ${seconds(median(f.uncheckedWall))} | ${percent(overheadPercent([median(f.checkedWall)], [median(f.uncheckedWall)]))} |`,
    "",
    `- overhead (CPU time, all rounds): ${percent(cpu)}; target <= ${FAITHFULNESS_TARGET_PERCENT} %: ${verdict}`,
  ];
}
