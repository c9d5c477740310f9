/** The figures a refresh changes: `ec2Hourly.t4g.small: 0.0168 → 0.0172`, added and no longer found. */
import type { RegionPrices } from "../price-table";

/** Every figure of a table by its path (`rdsHourly.mysql.db.t4g.small` keeps the type whole). */
export function flattenPrices(prices: RegionPrices | undefined): Map<string, number> {
  const flat = new Map<string, number>();
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === "number") flat.set(path.join(" "), value);
    else if (value && typeof value === "object") for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
  };
  walk(prices ?? {}, []);
  return flat;
}

/** Lines for the figures that differ between `before` and `after`, sorted by path; empty when none. */
export function priceDiff(before: RegionPrices | undefined, after: RegionPrices): string[] {
  const old = flattenPrices(before);
  const now = flattenPrices(after);
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  return paths.flatMap((path) => {
    const a = old.get(path);
    const b = now.get(path);
    if (a === b) return [];
    if (a === undefined) return [`+ ${path}: ${b}`];
    if (b === undefined) return [`- ${path}: ${a} (no longer found: unknown in the new table)`];
    return [`~ ${path}: ${a} → ${b}`];
  });
}
