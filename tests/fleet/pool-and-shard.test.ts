/** Bounded concurrency and sharding. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runPool } from "../../tools/fleet/pool";
import { parseShard, shardTenants } from "../../tools/fleet/shard";

describe("runPool", () => {
  it("never has more than N tasks in flight, and uses all N", async () => {
    for (const concurrency of [1, 2, 3, 7]) {
      let inFlight = 0;
      let max = 0;
      const items = Array.from({ length: 20 }, (_, i) => i);
      const outcomes = await runPool(items, concurrency, async (item) => {
        inFlight++;
        max = Math.max(max, inFlight);
        await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
        inFlight--;
        return item * 2;
      });
      expect(max).toBe(concurrency);
      expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : undefined))).toEqual(items.map((i) => i * 2));
    }
  });

  it("keeps going when a task throws, reporting that task as rejected", async () => {
    const started: number[] = [];
    const outcomes = await runPool([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      await Promise.resolve();
      if (item === 1) throw new Error("boom");
      return item;
    });
    expect(started.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(outcomes[1]).toMatchObject({ status: "rejected", reason: new Error("boom") });
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(4);
  });

  it("refuses a concurrency below 1", async () => {
    await expect(runPool([1], 0, async (x) => Promise.resolve(x))).rejects.toThrow(/at least 1/);
  });
});

describe("sharding", () => {
  const ids = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/), { maxLength: 60 });

  it("puts every tenant in exactly one of n shards, sizes within one, whatever the input order", () => {
    fc.assert(
      fc.property(ids, fc.integer({ min: 1, max: 12 }), fc.boolean(), (tenants, count, reverse) => {
        const input = reverse ? [...tenants].reverse() : tenants;
        const shards = Array.from({ length: count }, (_, i) => shardTenants(input, { index: i + 1, count }));
        const all = shards.flat();
        expect(all.sort()).toEqual([...tenants].sort());
        expect(new Set(all).size).toBe(all.length);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // Deterministic: the same list in another order gives the same shard.
        expect(shardTenants([...input].reverse(), { index: 1, count })).toEqual(shards[0]);
      }),
    );
  });

  it("parses i/n and explains a bad value", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "2", "1/300"]) expect(() => parseShard(bad)).toThrow(/--shard: expected i\/n/);
  });
});
