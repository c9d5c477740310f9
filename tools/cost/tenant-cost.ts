/** The cost estimate of a validated tenant: its assumptions and Cloudflare plan from its file. */
import type { TenantPlan } from "../../policies/plan-types";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import { overriddenAssumptions, resolveAssumptions } from "../../tenant-schema/cost-assumptions";
import { estimateCost } from "./estimate";
import type { CostEstimate } from "./estimate-types";
import type { PriceTable } from "./price-table";
import { PRICE_TABLE } from "./prices";

/**
 * Estimates a tenant's monthly cost from its plan, with the tenant file's assumption overrides
 * (`cost.assumptions`) and its zone's Cloudflare plan (`edge.plan`, paid by the tenant that
 * manages the zone). `table` defaults to the price table shipped in `tools/cost/prices/`.
 */
export function estimateTenantCost(plan: TenantPlan, spec: TenantSpec, table: PriceTable = PRICE_TABLE): CostEstimate {
  const overrides = spec.cost?.assumptions;
  return estimateCost(plan, table, resolveAssumptions(overrides), {
    cloudflare: { plan: spec.edge.plan, billedHere: spec.edge.manageZone },
    assumptionsOverridden: overriddenAssumptions(overrides),
  });
}
