/** Bounded concurrency: run a task per item with at most N in flight. */

/**
 * Runs `task` for every item with at most `concurrency` tasks in flight at any time, starting them
 * in the items' order. A task that throws does not stop the others: its result is a rejected
 * outcome. Resolves when every task has settled, with outcomes in the items' order.
 */
export async function runPool<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1; got ${concurrency}`);
  const outcomes: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { status: "fulfilled", value: await task(items[index]!, index) };
      } catch (reason) {
        outcomes[index] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return outcomes;
}
