/**
 * The price table shipped with the platform: on-demand list prices per region and Cloudflare's
 * plan prices, with their date and sources.
 */
import type { PriceTable, RegionPrices } from "../price-table";
import { EU_CENTRAL_1 } from "./aws-eu-central-1";
import { EU_NORTH_1 } from "./aws-eu-north-1";
import { EU_WEST_1 } from "./aws-eu-west-1";
import { EU_WEST_3 } from "./aws-eu-west-3";
import { US_EAST_1 } from "./aws-us-east-1";
import { GeneratedTableError, loadGeneratedTables, type GeneratedTable } from "./generated-tables";
import { keptHandFigures, mergePrices } from "./merge-tables";

/**
 * The generated tables; a bad data file ends the process with its one-line error (file and key),
 * not a stack trace: it is read when the price table is first imported, before any command runs.
 */
function generatedTablesOrExit(): Record<string, GeneratedTable> {
  try {
    return loadGeneratedTables();
  } catch (error) {
    if (!(error instanceof GeneratedTableError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

/** Regions `npm run prices:update` has written a table for (tools/cost/prices/generated/). */
const GENERATED = generatedTablesOrExit();

/** The date of the hand-entered tables. */
export const HAND_TABLES_AS_OF = "2026-11-24";

/** The hand-entered region tables (tools/cost/prices/aws-<region>.ts), by region. */
export const HAND_TABLES: Readonly<Record<string, RegionPrices>> = {
  "us-east-1": US_EAST_1,
  "eu-west-1": EU_WEST_1,
  "eu-central-1": EU_CENTRAL_1,
  "eu-west-3": EU_WEST_3,
  "eu-north-1": EU_NORTH_1,
};

/** Every region's table in use: the generated figures over the hand-entered ones, key by key. */
const AWS: Record<string, RegionPrices> = { ...HAND_TABLES };
/** The dates of each region's figures: the refresh's, and the hand table's for figures it kept. */
const REGION_AS_OF: Record<string, string[]> = Object.fromEntries(Object.keys(HAND_TABLES).map((r) => [r, [HAND_TABLES_AS_OF]]));
for (const [region, table] of Object.entries(GENERATED)) {
  AWS[region] = mergePrices(HAND_TABLES[region], table.prices);
  const handKept = keptHandFigures(HAND_TABLES[region], table.prices).length > 0;
  REGION_AS_OF[region] = handKept && table.asOf !== HAND_TABLES_AS_OF ? [table.asOf, HAND_TABLES_AS_OF].sort() : [table.asOf];
}

export const PRICE_TABLE: PriceTable = {
  asOf: HAND_TABLES_AS_OF,
  currency: "USD",
  note:
    "On-demand list prices (Linux, no free tier, no Savings Plans or reservations, first volume tier) as recorded on the " +
    "date above from the public pages listed; entered by hand, not fetched. A region refreshed with npm run prices:update " +
    "uses the AWS Price List's figures (each with its SKU and date) and keeps the hand-entered ones it did not read. Prices " +
    "change: refresh them before quoting an estimate. A price or region missing here is shown as unknown.",
  sources: [
    "https://aws.amazon.com/ec2/pricing/on-demand/",
    "https://aws.amazon.com/ebs/pricing/",
    "https://aws.amazon.com/rds/mysql/pricing/",
    "https://aws.amazon.com/rds/postgresql/pricing/",
    "https://aws.amazon.com/elasticache/pricing/",
    "https://aws.amazon.com/vpc/pricing/",
    "https://aws.amazon.com/elasticloadbalancing/pricing/",
    "https://aws.amazon.com/privatelink/pricing/",
    "https://aws.amazon.com/backup/pricing/",
    "https://aws.amazon.com/s3/pricing/",
    "https://aws.amazon.com/cloudwatch/pricing/",
    "https://aws.amazon.com/kms/pricing/",
    "https://aws.amazon.com/sns/pricing/",
    "https://aws.amazon.com/sqs/pricing/",
    "https://aws.amazon.com/secrets-manager/pricing/",
    "https://aws.amazon.com/ses/pricing/",
    "https://developers.cloudflare.com/rules/cloud-connector/",
    "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json",
    "https://www.cloudflare.com/plans/",
  ],
  hoursPerMonth: 730,
  aws: AWS,
  regionAsOf: REGION_AS_OF,
  cloudflare: { free: 0, pro: 25, business: 250, enterprise: null },
};
