import { availableParallelism, loadavg } from "node:os";

/**
 * How many test processes vitest.config.mts starts (VITEST_MAX_WORKERS, which vitest reads over
 * the setting, aside). One more than the cores on a machine with cores to spare: many files spend
 * most of their time waiting for child processes, and a file waiting on its children leaves its
 * core to another (on this project's 2-core machine, idle: the whole suite in 188 s with two
 * processes, 148 s with three; docs/benchmarks.md). One per core on a machine already busy with
 * other work: there the CPU-bound files (whole-tenant plans, the program under the language host)
 * ran past their timeouts with a process more (load averages of 15 to 19 on two cores). Busy means
 * a load average over the last minute of at least twice the cores: `npm test` itself has just
 * kept every core busy with the type check and the lint, which leaves a load average about the
 * number of cores. `cores` counts the cores the process may run on, not a container's CPU quota,
 * and the load average is the host's, also inside a container: a runner limited by a quota, or
 * sharing a host with other jobs, sets VITEST_MAX_WORKERS.
 */
export function testWorkers(cores: number, loadAverage: number): number {
  return loadAverage < 2 * cores ? cores + 1 : cores;
}

const DECIDED = Symbol.for("tenant-platform.test-workers");

/**
 * {@link testWorkers} for this machine, decided once per process: vitest evaluates its
 * configuration file again for each project (`extends: true`), and projects whose `maxWorkers`
 * differ stop the run ("have different 'maxWorkers' but same 'sequence.groupOrder'"), which two
 * readings of a changing load average could cause. `loadAverage` reads the load average over the
 * last minute (@default `os.loadavg()[0]`).
 */
export function testWorkersForThisRun(loadAverage: () => number = () => loadavg()[0]!): number {
  const store = globalThis as typeof globalThis & { [DECIDED]?: number };
  store[DECIDED] ??= testWorkers(availableParallelism(), loadAverage());
  return store[DECIDED];
}
