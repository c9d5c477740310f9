/**
 * The price table shipped with the platform: on-demand list prices per region and Cloudflare's
 * plan prices, with their date and sources.
 */
import type { PriceTable } from "../price-table";
import { EU_CENTRAL_1 } from "./aws-eu-central-1";
import { EU_NORTH_1 } from "./aws-eu-north-1";
import { EU_WEST_1 } from "./aws-eu-west-1";
import { EU_WEST_3 } from "./aws-eu-west-3";
import { US_EAST_1 } from "./aws-us-east-1";
import { loadGeneratedTables } from "./generated-tables";

/** Regions `npm run prices:update` has written a table for (stacks/cost/prices/generated/). */
const GENERATED = loadGeneratedTables();

export const PRICE_TABLE: PriceTable = {
  asOf: "2026-11-24",
  currency: "USD",
  note:
    "On-demand list prices (Linux, no free tier, no Savings Plans or reservations, first volume tier) as recorded on the " +
    "date above from the public pages listed; entered by hand, not fetched. Prices change: check and refresh them " +
    "(e.g. from the AWS Price List API) before quoting an estimate. A price or region missing here is shown as unknown.",
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
  aws: {
    "us-east-1": US_EAST_1,
    "eu-west-1": EU_WEST_1,
    "eu-central-1": EU_CENTRAL_1,
    "eu-west-3": EU_WEST_3,
    "eu-north-1": EU_NORTH_1,
    ...Object.fromEntries(Object.entries(GENERATED).map(([region, table]) => [region, table.prices])),
  },
  cloudflare: { free: 0, pro: 25, business: 250, enterprise: null },
};
