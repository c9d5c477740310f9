/**
 * Region tables written by `npm run prices:update` (stacks/cost/refresh/): one JSON data file per
 * region in `generated/`, each with its source, date and every figure's SKU. A region's generated
 * table replaces a hand-entered one: it is newer and each figure is cited.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { RegionPrices } from "../price-table";
import type { FigureSource } from "../refresh/refresh-region";

/** The folder of the generated data files. */
export const GENERATED_DIR = path.join(__dirname, "generated");

/** One region's data file. */
export interface GeneratedTable {
  readonly region: string;
  /** The day (YYYY-MM-DD) the Price List was read. */
  readonly asOf: string;
  /** What was read: the API, its endpoint and the price kind. */
  readonly source: string;
  readonly prices: RegionPrices;
  /** Each figure's product (SKU, usage type, effective and publication dates), by path. */
  readonly figures: Readonly<Record<string, FigureSource>>;
  /** Prices the Price List did not answer for: unknown in this region. */
  readonly missing: readonly string[];
}

/** The data file of a region. */
export function generatedFile(region: string, dir = GENERATED_DIR): string {
  return path.join(dir, `aws-${region}.json`);
}

/** Every generated table in `dir`, by region. */
export function loadGeneratedTables(dir = GENERATED_DIR): Record<string, GeneratedTable> {
  if (!existsSync(dir)) return {};
  const tables: Record<string, GeneratedTable> = {};
  for (const name of readdirSync(dir).filter((n) => /^aws-[a-z0-9-]+\.json$/.test(n)).sort()) {
    const table = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as GeneratedTable;
    tables[table.region] = table;
  }
  return tables;
}
