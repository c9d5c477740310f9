/** The number of test processes: one more than the cores when they are idle, one per core when busy. */
import { expect, it } from "vitest";
import { testWorkers } from "../setup/worker-count";

it("starts one process more than the cores on an idle machine and one per core on a busy one", () => {
  expect(testWorkers(2, 0.3)).toBe(3);
  expect(testWorkers(2, 1.9)).toBe(3);
  expect(testWorkers(2, 2)).toBe(2);
  expect(testWorkers(2, 17)).toBe(2);
  expect(testWorkers(8, 4)).toBe(9);
});
