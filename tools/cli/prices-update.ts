/**
 * `npm run prices:update -- --region <region> [--region …] | --all`: regenerates region price
 * tables from the AWS Price List Query API with the caller's AWS credentials (the default
 * credential chain; the caller needs `pricing:GetProducts`).
 */
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { COMMERCIAL_REGIONS } from "../../components/shared/aws-catalog/regions";
import { parseCommandLine, runCommand, type Io } from "../command-line";
import type { RegionPrices } from "../cost/price-table";
import { HAND_TABLES, HAND_TABLES_AS_OF, PRICE_TABLE } from "../cost/prices";
import { GENERATED_DIR } from "../cost/prices/generated-tables";
import type { GetProducts } from "../cost/refresh/price-list";
import { PriceListError } from "../cost/refresh/price-list";
import type { PricedTypes } from "../cost/refresh/price-queries";
import { PRICE_LIST_ENDPOINT_REGION, regionsToPrice, updatePrices } from "../cost/refresh/update-prices";

const USAGE = `usage: npm run prices:update -- --region <region> [--region <region> …] | --all
  Reads on-demand prices from the AWS Price List Query API (needs AWS credentials allowed
  pricing:GetProducts), writes tools/cost/prices/generated/aws-<region>.json and prints the
  figures that changed and the prices the Price List did not answer or answered ambiguously
  (the hand-entered figure stays where there is one). Exits 1 when a price was ambiguous or a
  region got no price.
  --all   every us-* and eu-* region, ca-central-1, sa-east-1, ap-south-1, ap-northeast-1/2,
          ap-southeast-1/2`;

/** Every type a table of the price table lists: what the platform's tenants run. */
export function typesInTables(tables: Readonly<Record<string, RegionPrices>>): PricedTypes {
  const all = Object.values(tables);
  const keys = (lists: (Readonly<Record<string, unknown>> | undefined)[]) => [...new Set(lists.flatMap((l) => Object.keys(l ?? {})))].sort();
  return {
    ec2: keys(all.map((t) => t.ec2Hourly)),
    rds: keys(all.flatMap((t) => Object.values(t.rdsHourly ?? {}))),
    cache: keys(all.flatMap((t) => Object.values(t.elasticacheHourly ?? {}))),
  };
}

/** A GetProducts sender over a real client. */
function clientSender(client: PricingClient): GetProducts {
  return async (input) => client.send(new GetProductsCommand({ ...input, Filters: [...input.Filters] }));
}

/** Runs the command line; returns the exit code. `send` replaces the real client (tests). */
export async function main(argv: readonly string[], io: Io, send?: GetProducts, dir = GENERATED_DIR): Promise<number> {
  const parsed = parseCommandLine(argv, { region: { type: "string", multiple: true }, all: { type: "boolean" } }, USAGE, io);
  if ("exit" in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const regions = values.all ? regionsToPrice(COMMERCIAL_REGIONS) : [...(values.region ?? [])];
  if (positionals.length > 0 || regions.length === 0 || (values.all && values.region)) {
    io.err(`prices:update: name the regions with --region, or --all\n${USAGE}`);
    return 2;
  }
  const bad = regions.find((r) => !COMMERCIAL_REGIONS.includes(r));
  if (bad) {
    io.err(`prices:update: --region ${bad}: not an AWS commercial region (e.g. eu-west-3)`);
    return 2;
  }
  const sender = send ?? clientSender(new PricingClient({ region: PRICE_LIST_ENDPOINT_REGION }));
  try {
    const outcome = await updatePrices({ regions, send: sender, current: PRICE_TABLE.aws, hand: HAND_TABLES, handAsOf: HAND_TABLES_AS_OF, types: typesInTables(PRICE_TABLE.aws), dir, today: new Date().toISOString().slice(0, 10) }, io);
    if (outcome.unwritten.length > 0 || outcome.ambiguous.length > 0) return 1;
  } catch (error) {
    if (error instanceof PriceListError) {
      io.err(`prices:update: ${error.message}`);
      return 1;
    }
    throw error;
  }
  return 0;
}

if (require.main === module) runCommand("prices:update", (argv, io) => main(argv, io));
