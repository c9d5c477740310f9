/**
 * `npm run prices:update`: reads each region's prices from the AWS Price List Query API, writes
 * the region's data file (tools/cost/prices/generated/aws-<region>.json, with source and date)
 * and prints what changed against the table in use, and what the Price List did not answer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Io } from "../../command-line";
import type { RegionPrices } from "../price-table";
import { generatedFile, type GeneratedTable, type KeptFigure } from "../prices/generated-tables";
import { keptHandFigures, mergePrices } from "../prices/merge-tables";
import { priceDiff } from "./price-diff";
import type { GetProducts } from "./price-list";
import { priceQueries, type PricedTypes } from "./price-queries";
import { refreshRegion } from "./refresh-region";

/** The Price List Query API endpoint (it is served from us-east-1, eu-central-1 and ap-south-1). */
export const PRICE_LIST_ENDPOINT_REGION = "us-east-1";

/**
 * The regions `--all` refreshes: every us-* and eu-* commercial region, Canada (Central), São
 * Paulo, Mumbai, Tokyo, Seoul, Singapore and Sydney (the shipped region catalogue's codes).
 */
export function regionsToPrice(commercial: readonly string[]): string[] {
  const named = new Set(["ca-central-1", "sa-east-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2"]);
  return commercial.filter((r) => r.startsWith("us-") || r.startsWith("eu-") || named.has(r)).sort();
}

/** Prices the refresh does not read (per destination, global, or without a confirmed product): the hand figure stays. */
export const NOT_FETCHED: readonly string[] = [
  "interRegionOutGb (priced per destination region)",
  "backupWarmGbMonth (AWS Backup of RDS: no confirmed product)",
  "cloudwatchDashboardMonth (a global price, not a regional one)",
];

/** What to refresh and with what. */
export interface UpdateOptions {
  readonly regions: readonly string[];
  readonly send: GetProducts;
  /** The tables in use, to compare with (by region). */
  readonly current: Readonly<Record<string, RegionPrices>>;
  /** The hand-entered tables (by region): figures a refresh does not read or find stay in use. */
  readonly hand: Readonly<Record<string, RegionPrices>>;
  /** The hand-entered tables' date (YYYY-MM-DD). */
  readonly handAsOf: string;
  readonly types: PricedTypes;
  /** Where the data files go. */
  readonly dir: string;
  /** The day the Price List is read, YYYY-MM-DD. */
  readonly today: string;
  /** Pause between retries of a throttled request. @default a real timer */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What a run left undone. */
export interface UpdateOutcome {
  /** Regions the Price List answered nothing for: no file written. */
  readonly unwritten: readonly string[];
  /** Prices several products answered differently (`eu-west-3 kmsKeyMonth`): left out, the run went on. */
  readonly ambiguous: readonly string[];
}

/**
 * Refreshes each region in turn; an API error stops the run (the files written stay). A region
 * the Price List answers nothing for keeps its table (no file is written) and is counted; an
 * ambiguous price is left out of its region's file (its hand figure stays) and counted.
 */
export async function updatePrices(options: UpdateOptions, io: Io): Promise<UpdateOutcome> {
  const queries = priceQueries(options.types);
  const unwritten: string[] = [];
  const ambiguous: string[] = [];
  for (const region of options.regions) {
    const result = await refreshRegion(options.send, region, queries, options.sleep);
    if (Object.keys(result.figures).length === 0) {
      io.err(`${region}: the Price List answered no price: nothing written (is ${region} a region AWS prices?)`);
      unwritten.push(region);
      continue;
    }
    ambiguous.push(...result.ambiguous.map((key) => `${region} ${key}`));
    const hand = options.hand[region];
    const kept = keptHandFigures(hand, result.prices);
    const handSource = (): KeptFigure => ({ source: `hand-entered table tools/cost/prices/aws-${region}.ts`, asOf: options.handAsOf });
    const table: GeneratedTable = {
      region,
      asOf: options.today,
      source: `AWS Price List Query API, GetProducts (endpoint ${PRICE_LIST_ENDPOINT_REGION}), on-demand terms, read ${options.today}`,
      prices: result.prices,
      figures: result.figures,
      ...(kept.length > 0 ? { kept: Object.fromEntries(kept.map((key) => [key, handSource()])) } : {}),
      missing: [...result.missing, ...NOT_FETCHED.map((what) => `${what}: not read by prices:update`)],
    };
    const file = generatedFile(region, options.dir);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(table, null, 2)}\n`);
    const changes = priceDiff(options.current[region], mergePrices(hand, result.prices));
    io.out(`${region}: ${Object.keys(result.figures).length} prices read, ${result.missing.length} not found, ${kept.length} hand-entered kept; wrote ${file}`);
    io.out(changes.length === 0 ? "  no figure changed" : changes.map((line) => `  ${line}`).join("\n"));
    for (const line of result.missing) io.out(`  missing (hand figure kept, else unknown): ${line}`);
  }
  for (const key of ambiguous) io.err(`${key}: several products answer with different prices: left out (see above)`);
  return { unwritten, ambiguous };
}
