/** `--shard i/n`: splitting the selected tenants over n CI runners, each tenant on exactly one. */

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n ≤ 256); throws an Error whose message says what is allowed. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 256 || index < 1 || index > count) {
    throw new Error(`--shard: expected i/n with 1 ≤ i ≤ n ≤ 256 (for example 2/4); got "${text}"`);
  }
  return { index, count };
}

/**
 * The tenants of one shard: the ids sorted, then dealt round-robin (the first to shard 1, the
 * second to shard 2, …). Every runner computes the same split from the same list, in any input
 * order, so n runners cover each tenant exactly once and shard sizes differ by at most one.
 */
export function shardTenants(tenants: readonly string[], shard: Shard): string[] {
  const sorted = [...new Set(tenants)].sort();
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}
