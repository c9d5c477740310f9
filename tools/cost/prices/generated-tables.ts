/**
 * Region tables written by `npm run prices:update` (tools/cost/refresh/): one JSON data file per
 * region in `generated/`, each with its source, date and every figure's SKU. A region's generated
 * figures go over its hand-entered ones key by key (merge-tables.ts): a key the refresh did not
 * read or find keeps its hand-entered figure. Each file is validated when it is loaded.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { RegionPrices } from "../price-table";
import type { FigureSource } from "../refresh/refresh-region";

/** The folder of the generated data files. */
export const GENERATED_DIR = path.join(__dirname, "generated");

/** Where a hand-entered figure a refresh kept comes from. */
export interface KeptFigure {
  /** The hand table it comes from. */
  readonly source: string;
  /** The date (YYYY-MM-DD) of the hand table. */
  readonly asOf: string;
}

/** One region's data file. */
export interface GeneratedTable {
  readonly region: string;
  /** The day (YYYY-MM-DD) the Price List was read. */
  readonly asOf: string;
  /** What was read: the API, its endpoint and the price kind. */
  readonly source: string;
  /** The figures the Price List answered (only those: hand-entered figures are not copied in). */
  readonly prices: RegionPrices;
  /** Each figure's product (SKU, usage type, effective and publication dates), by path. */
  readonly figures: Readonly<Record<string, FigureSource>>;
  /** Hand-entered figures the refresh did not read or find, kept in use, by path. @default none */
  readonly kept?: Readonly<Record<string, KeptFigure>>;
  /** Prices the Price List did not answer for: the hand figure where there is one, else unknown. */
  readonly missing: readonly string[];
}

/** A bad data file: names the file and the key. */
export class GeneratedTableError extends Error {}

const price = z.number().positive().finite();
const byType = z.record(z.string(), price);
const SCALARS = [
  "ebsGp3GbMonth", "ec2DetailedMonitoringMonth", "rdsBackupGbMonth", "natGatewayHourly", "natGatewayGb", "publicIpv4Hourly",
  "albHourly", "albLcuHourly", "interfaceEndpointHourly", "interfaceEndpointGb", "internetOutGb", "interRegionOutGb",
  "backupWarmGbMonth", "s3StandardGbMonth", "s3PutPer1000", "s3GetPer1000", "cloudwatchAlarmMonth", "cloudwatchDashboardMonth",
  "logsIngestGb", "logsStorageGbMonth", "kmsKeyMonth", "snsPublishPerMillion", "snsEmailPer100k", "snsHttpsPerMillion",
  "sqsPerMillion", "secretsManagerSecretMonth", "sesPerThousandEmails",
] as const satisfies readonly (keyof RegionPrices)[];

/** `RegionPrices` (price-table.ts): every key optional, unknown keys refused. */
const regionPricesSchema = z.object({
  ...Object.fromEntries(SCALARS.map((key) => [key, price.optional()])),
  ec2Hourly: byType.optional(),
  rdsHourly: z.object({ mysql: byType.optional(), mariadb: byType.optional(), postgres: byType.optional() }).strict().optional(),
  rdsStorageGbMonth: byType.optional(),
  rdsIopsMonth: byType.optional(),
  elasticacheHourly: z.object({ valkey: byType.optional(), redis: byType.optional() }).strict().optional(),
}).strict();

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const generatedTableSchema = z.object({
  region: z.string().min(1),
  asOf: day,
  source: z.string().min(1),
  prices: regionPricesSchema,
  figures: z.record(z.string(), z.object({
    sku: z.string().min(1), usagetype: z.string(), effectiveDate: z.string().optional(), publicationDate: z.string().optional(),
    listed: z.string(), scale: z.number().positive().optional(),
  }).strict()),
  kept: z.record(z.string(), z.object({ source: z.string().min(1), asOf: day }).strict()).optional(),
  missing: z.array(z.string()),
}).strict();

/** The data file of a region. */
export function generatedFile(region: string, dir = GENERATED_DIR): string {
  return path.join(dir, `aws-${region}.json`);
}

/** A data file's table, validated; a bad file throws a {@link GeneratedTableError} naming it and the key. */
export function parseGeneratedTable(file: string, text: string): GeneratedTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GeneratedTableError(`${file}: not JSON (${(error as Error).message}); rewrite it with npm run prices:update`);
  }
  const result = generatedTableSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "(the file)";
    throw new GeneratedTableError(`${file}: ${key}: ${issue.message}; rewrite it with npm run prices:update`);
  }
  const region = path.basename(file).replace(/^aws-/, "").replace(/\.json$/, "");
  if (result.data.region !== region) throw new GeneratedTableError(`${file}: region: "${result.data.region}" in the file of ${region}`);
  return result.data;
}

/** Every generated table in `dir`, by region, validated. */
export function loadGeneratedTables(dir = GENERATED_DIR): Record<string, GeneratedTable> {
  if (!existsSync(dir)) return {};
  const tables: Record<string, GeneratedTable> = {};
  for (const name of readdirSync(dir).filter((n) => /^aws-[a-z0-9-]+\.json$/.test(n)).sort()) {
    const file = path.join(dir, name);
    const table = parseGeneratedTable(file, readFileSync(file, "utf8"));
    tables[table.region] = table;
  }
  return tables;
}
