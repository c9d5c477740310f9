/** The Cloudflare plan's monthly price as a cost line of the tenant that manages the zone. */
import type { CloudflarePlan } from "../../components/edge/plans";
import { MANAGED_RULESETS } from "../../components/edge/plans";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import type { CostPart } from "./estimate-types";
import type { CloudflarePrices } from "./price-table";

/** The zone's plan and whether this tenant pays for it. */
export interface CloudflareBilling {
  /** The zone's plan (the tenant file's `edge.plan`). */
  readonly plan: CloudflarePlan;
  /** True when this tenant manages the zone (`edge.manageZone`), which is who pays for its plan. */
  readonly billedHere: boolean;
}

/**
 * What the graph alone tells: a tenant manages its zone when it sets zone settings, and is on the
 * free plan when its managed WAF ruleset runs the Free Managed ruleset. Any other plan cannot be
 * told apart in the graph (undefined: unknown).
 */
export function inferCloudflareBilling(plan: TenantPlan): { plan: CloudflarePlan | undefined; billedHere: boolean } {
  const billedHere = plan.resources.some((r) => r.type === "cloudflare:index/zoneSetting:ZoneSetting");
  const managed = plan.resources.find((r) => r.type === "cloudflare:index/ruleset:Ruleset" && r.inputs["phase"] === "http_request_firewall_managed");
  const free = managed !== undefined && JSON.stringify(managed.inputs["rules"] ?? []).includes(MANAGED_RULESETS.freeManaged);
  return { plan: free ? "free" : undefined, billedHere };
}

/** The part for the zone's plan, or none when another tenant pays for it. */
export function cloudflarePlanPart(billing: { plan: CloudflarePlan | undefined; billedHere: boolean }, prices: CloudflarePrices): CostPart[] {
  if (!billing.billedHere) return [];
  if (billing.plan === undefined) {
    return [{ label: "Cloudflare plan", monthlyMin: 0, monthlyMax: 0, unknown: "the zone's plan is not in the graph; pass it from the tenant file" }];
  }
  const price = prices[billing.plan];
  const label = `Cloudflare ${billing.plan} plan (per zone)`;
  return price === null
    ? [{ label, monthlyMin: 0, monthlyMax: 0, unknown: `the ${billing.plan} plan is priced by contract` }]
    : [{ label, monthlyMin: price, monthlyMax: price }];
}

/** The component the Cloudflare resources belong to (the Edge), where the plan's line goes. */
export function edgeComponent(plan: TenantPlan, componentOf: (r: PlannedResource) => string | null): string | null {
  const first = plan.resources.find((r) => r.custom && r.type.startsWith("cloudflare:"));
  return first ? componentOf(first) : null;
}
