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
 * number of cores. `cores` counts the cores the process may run on, not a container's CPU quota:
 * a runner limited by a quota sets VITEST_MAX_WORKERS.
 */
export function testWorkers(cores: number, loadAverage: number): number {
  return loadAverage < 2 * cores ? cores + 1 : cores;
}
