/**
 * The monthly cost estimate of a tenant, computed from its offline plan, a price table and usage
 * assumptions. A price the table lacks is listed as unknown and the totals become lower bounds:
 * nothing unknown is counted as zero.
 */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import type { UsageAssumptions } from "../../tenant-schema/cost-assumptions";
import { cloudflarePlanPart, edgeComponent, inferCloudflareBilling, type CloudflareBilling } from "./cloudflare-plan";
import type { ComponentCost, CostEstimate, CostPart, ResourceCost, UnknownPrice } from "./estimate-types";
import type { PriceTable } from "./price-table";
import { FREE_TYPES, PRICERS } from "./pricers";
import { leftOutOfEstimate } from "./left-out";
import { PricingContext, unknownPart } from "./pricing-context";

/** What the estimate cannot read from the graph. */
export interface EstimateOptions {
  /**
   * The zone's Cloudflare plan and who pays it. Default: inferred from the graph (free when the
   * Free Managed ruleset runs; any other plan is unknown; billed when the tenant manages the zone).
   */
  readonly cloudflare?: CloudflareBilling;
  /** Names of the assumptions the tenant file overrides, reported as such. @default [] */
  readonly assumptionsOverridden?: readonly string[];
}

const STACK_TYPE = "pulumi:pulumi:Stack";

function isComponent(resource: PlannedResource): boolean {
  return !resource.custom && resource.type !== STACK_TYPE;
}

function sum(parts: readonly CostPart[], end: "monthlyMin" | "monthlyMax"): number {
  return parts.reduce((total, p) => total + (p.unknown === undefined ? p[end] : 0), 0);
}

function resourceCost(resource: PlannedResource, component: string | null, region: string | null, parts: CostPart[]): ResourceCost {
  return {
    urn: resource.urn, type: resource.type, name: resource.name, component, region,
    monthlyMin: sum(parts, "monthlyMin"), monthlyMax: sum(parts, "monthlyMax"), parts,
  };
}

/**
 * The dates of the prices used: those of the tables of the regions the resources are billed in
 * (a refreshed region has its own), or the table's date when none is priced from a region.
 */
function priceDates(table: PriceTable, resources: readonly ResourceCost[]): string {
  const regions = new Set(resources.flatMap((r) => (r.region !== null && table.aws[r.region] ? [r.region] : [])));
  const dates = new Set([...regions].flatMap((region) => table.regionAsOf?.[region] ?? [table.asOf]));
  return dates.size === 0 ? table.asOf : [...dates].sort().join(" and ");
}

/**
 * Estimates a tenant's monthly cost: per resource (priced by type), per component (the sum of
 * its own resources) and in total, at the low end (scaling minimums) and the high end (scaling
 * maximums, storage ceilings).
 */
export function estimateCost(plan: TenantPlan, table: PriceTable, assumptions: UsageAssumptions, options: EstimateOptions = {}): CostEstimate {
  const context = new PricingContext(plan, table, assumptions);
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const componentOf = (resource: PlannedResource): string | null => {
    let parent = resource.parent ? byUrn.get(resource.parent) : undefined;
    while (parent && !isComponent(parent)) parent = parent.parent ? byUrn.get(parent.parent) : undefined;
    return parent?.urn ?? null;
  };

  const resources: ResourceCost[] = [];
  for (const resource of plan.resources) {
    if (!resource.custom || resource.type.startsWith("pulumi:providers:") || FREE_TYPES.has(resource.type)) continue;
    const pricer = PRICERS[resource.type];
    const parts = pricer ? pricer(resource, context) : [unknownPart("resource", `no pricing rule for ${resource.type}`)];
    if (parts.length === 0) continue;
    const region = resource.type.startsWith("aws:") ? (context.regionOf(resource) ?? null) : null;
    resources.push(resourceCost(resource, componentOf(resource), region, parts));
  }

  const edge = edgeComponent(plan, componentOf);
  const edgeResource = edge ? byUrn.get(edge) : undefined;
  if (edgeResource) {
    const parts = cloudflarePlanPart(options.cloudflare ?? inferCloudflareBilling(plan), table.cloudflare);
    if (parts.length > 0) resources.push(resourceCost(edgeResource, edge, null, parts));
  }

  const unknowns: UnknownPrice[] = resources.flatMap((r) =>
    r.parts.filter((p) => p.unknown !== undefined).map((p) => ({ urn: r.urn, type: r.type, name: r.name, item: p.label, reason: p.unknown! })));
  const components: ComponentCost[] = plan.resources.filter(isComponent).map((component) => {
    const own = resources.filter((r) => r.component === component.urn);
    return {
      urn: component.urn, type: component.type, name: component.name,
      monthlyMin: own.reduce((t, r) => t + r.monthlyMin, 0),
      monthlyMax: own.reduce((t, r) => t + r.monthlyMax, 0),
      unknownCount: own.reduce((t, r) => t + r.parts.filter((p) => p.unknown !== undefined).length, 0),
    };
  });

  return {
    tenant: plan.tenant,
    currency: table.currency,
    priceTableDate: priceDates(table, resources),
    monthlyMin: resources.reduce((t, r) => t + r.monthlyMin, 0),
    monthlyMax: resources.reduce((t, r) => t + r.monthlyMax, 0),
    unknownCount: unknowns.length,
    unknowns,
    components,
    resources,
    regionsWithoutTable: context.regionsWithoutTable,
    leftOut: leftOutOfEstimate(assumptions),
    assumptions,
    assumptionsOverridden: [...(options.assumptionsOverridden ?? [])],
  };
}
