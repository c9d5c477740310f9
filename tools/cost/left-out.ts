/**
 * What a cost estimate does not count, stated with every estimate so that nobody reads it as a
 * bill: the items below are either usage the plan cannot know beyond the declared assumptions, or
 * charges outside the price table's list prices.
 */
import type { UsageAssumptions } from "../../tenant-schema/cost-assumptions";

/** The statements, in the order printed. */
export function leftOutOfEstimate(assumptions: UsageAssumptions): string[] {
  return [
    `data transfer beyond the assumptions (${assumptions.internetEgressGb} GB to visitors, ${assumptions.natProcessedGb} GB through NAT a month) and between availability zones`,
    "discounts (free tier, Savings Plans, reserved instances and nodes) and taxes: list on-demand prices only",
    "AWS Support plans and Cloudflare add-ons beyond the zone's plan (Workers, Argo, Load Balancing, extra rules)",
    "usage-based charges not in the assumptions (extra CloudWatch metrics and API calls, KMS requests, Secrets Manager API calls)",
  ];
}
