/**
 * A region's table in use: the figures `npm run prices:update` read over the hand-entered ones,
 * key by key. A key the refresh does not read, or did not find, keeps its hand-entered figure
 * (with the hand table's source and date), so a refresh never makes an estimate less complete.
 */
import type { RegionPrices } from "../price-table";

type Node = number | { readonly [key: string]: Node | undefined };

function mergeNode(hand: Node | undefined, read: Node | undefined): Node | undefined {
  if (read === undefined) return hand;
  if (typeof read === "number" || hand === undefined || typeof hand === "number") return read;
  const keys = [...new Set([...Object.keys(hand), ...Object.keys(read)])];
  return Object.fromEntries(keys.map((key) => [key, mergeNode(hand[key], read[key])]));
}

/** `read` over `hand`, per figure: what `read` lacks comes from `hand`. */
export function mergePrices(hand: RegionPrices | undefined, read: RegionPrices): RegionPrices {
  return mergeNode(hand as Node | undefined, read as Node) as RegionPrices;
}

/** The paths (`ec2Hourly.t4g.small`, the type kept whole) of the figures of `hand` that `read` lacks. */
export function keptHandFigures(hand: RegionPrices | undefined, read: RegionPrices): string[] {
  const kept: string[] = [];
  const walk = (h: Node | undefined, r: Node | undefined, path: readonly string[]) => {
    if (h === undefined) return;
    if (typeof h === "number") {
      if (r === undefined) kept.push(path.join("."));
      return;
    }
    for (const [key, inner] of Object.entries(h)) walk(inner, typeof r === "object" ? r[key] : undefined, [...path, key]);
  };
  walk(hand as Node | undefined, read as Node, []);
  return kept.sort();
}
