/** The plan JSON `npm run plan -- --json` and `--json-dir` write. */
import type { TenantPlan } from "../../policies/plan-types";
import type { CloudflarePlanReport } from "../../tenant-schema/rules/plan-features";
import type { CostEstimate } from "../cost/estimate-types";
import type { DestroySimulation } from "../plan/destroy-simulation";
import type { UpdateSimulation } from "../plan/update-simulation";

/**
 * Serializes a plan the way `--json` writes it, with its cost estimate, the Cloudflare plan's
 * features (what the file uses, what the zone's plan allows) and the simulated update's steps
 * (with `--base`) when given.
 */
export function planJson(plan: TenantPlan, cost?: CostEstimate, extras: { cloudflare?: CloudflarePlanReport; changes?: UpdateSimulation["changes"]; destroy?: DestroySimulation } = {}): string {
  const { tenant, stack, resources, outputs } = plan;
  const { cloudflare, changes, destroy } = extras;
  return `${JSON.stringify({ tenant, stack, resources, outputs, ...(cost ? { cost } : {}), ...(cloudflare ? { cloudflare } : {}), ...(changes ? { changes } : {}), ...(destroy ? { destroy } : {}) }, null, 2)}\n`;
}
