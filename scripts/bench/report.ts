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
  return lines.join("\n");
}
