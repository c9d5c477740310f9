/**
 * The keys of a tenant file whose validated values differ between two versions, as dotted paths
 * (`database.version`); a list that differs is named as a whole (`network.zones`).
 */

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Dotted paths of the values that differ between `before` and `after`, sorted. */
export function changedPaths(before: unknown, after: unknown, prefix = ""): string[] {
  if (!isRecord(before) || !isRecord(after)) return same(before, after) ? [] : [prefix];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
}
