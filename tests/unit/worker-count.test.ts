/**
 * The number of test processes: one more than the cores when they are idle or only just busy
 * with `npm test`'s own type check and lint, one per core when other work keeps the machine busy.
 */
import { availableParallelism } from "node:os";
import { expect, it } from "vitest";
import { testWorkers, testWorkersForThisRun } from "../setup/worker-count.mjs";

it("starts one process more than the cores on an idle machine and one per core on a busy one", () => {
  expect(testWorkers(2, 0.3)).toBe(3);
  // After the type check and the lint, each on a core.
  expect(testWorkers(2, 2.6)).toBe(3);
  expect(testWorkers(2, 4)).toBe(2);
  expect(testWorkers(2, 17)).toBe(2);
  expect(testWorkers(8, 12)).toBe(9);
  expect(testWorkers(8, 16)).toBe(8);
});

it("decides once per process, as vitest reads its configuration once per project", () => {
  // No other file calls it: the first call in this test process decides, on an idle machine.
  const decided = testWorkersForThisRun(() => 0.1);
  expect(decided).toBe(availableParallelism() + 1);
  // The load changes; the decision does not.
  expect(testWorkersForThisRun(() => 100)).toBe(decided);
});
