import { z } from "zod";
import { ASSUMPTION_DESCRIPTIONS, DEFAULT_ASSUMPTIONS, type UsageAssumptions } from "../cost-assumptions";

/** Upper bounds that catch a unit mistake (TB written as GB twice over) without limiting real use. */
const LIMITS: Readonly<Record<keyof UsageAssumptions, number>> = {
  internetEgressGb: 10_000_000,
  natProcessedGb: 10_000_000,
  loadBalancerLcu: 100_000,
  interfaceEndpointGb: 10_000_000,
  s3StoredGbPerBucket: 10_000_000,
  s3PutThousandsPerBucket: 10_000_000,
  s3GetThousandsPerBucket: 10_000_000,
  s3ReplicatedGb: 10_000_000,
  logIngestGbPerGroup: 1_000_000,
  databaseChangePercentPerDay: 100,
  queueRequestsMillions: 1_000_000,
  alertNotifications: 100_000_000,
  mailThousandsPerMonth: 100_000,
};

function assumption(key: keyof UsageAssumptions) {
  return z.number().min(0).max(LIMITS[key]).optional()
    .describe(`${ASSUMPTION_DESCRIPTIONS[key]} (default ${DEFAULT_ASSUMPTIONS[key]})`);
}

const assumptionKeys = Object.keys(DEFAULT_ASSUMPTIONS) as (keyof UsageAssumptions)[];

/** Usage assumptions of the cost estimate; every one is optional and defaults as documented. */
export const costSection = z
  .strictObject({
    assumptions: z.strictObject(
      Object.fromEntries(assumptionKeys.map((key) => [key, assumption(key)])) as Record<keyof UsageAssumptions, ReturnType<typeof assumption>>,
    ).optional().describe("Monthly usage the plan cannot know (traffic, stored data, requests); what is left out keeps its default."),
    monthlyBudget: z.number().positive().max(10_000_000).optional()
      .describe("Monthly budget in USD: a plan whose estimate (high end, at the scaling maximums) goes over it gets a policy finding. Default: none."),
    budgetLevel: z.enum(["advisory", "mandatory"]).default("advisory")
      .describe("Level of the over-budget finding: advisory warns, mandatory blocks with --enforce-policies. Default advisory."),
  })
  .describe("How the cost estimate shown by `npm run plan` prices this tenant.");

export type CostSpec = z.output<typeof costSection>;
