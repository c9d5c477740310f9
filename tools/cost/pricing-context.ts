/** What every resource pricer needs: the plan's relations, the resource's region and price look-ups. */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import type { UsageAssumptions } from "../../tenant-schema/cost-assumptions";
import type { CostPart } from "./estimate-types";
import type { CacheEngine, PriceTable, RdsEngine, RegionPrices } from "./price-table";

/** Price fields that hold one number. */
export type ScalarPrice = { [K in keyof RegionPrices]-?: NonNullable<RegionPrices[K]> extends number ? K : never }[keyof RegionPrices];

/** Price lists keyed by engine, then by instance or node type. */
type EngineList = "rdsHourly" | "elasticacheHourly";

/** The command that generates a region's price table from the AWS Price List. */
export function pricesUpdateCommand(region: string): string {
  return `npm run prices:update -- --region ${region}`;
}

/** A price found in the table, or why it was not. */
export type Lookup = { readonly price: number } | { readonly missing: string };

export class PricingContext {
  private readonly byUrn = new Map<string, PlannedResource>();
  private readonly byId = new Map<string, PlannedResource>();

  constructor(readonly plan: TenantPlan, readonly table: PriceTable, readonly assumptions: UsageAssumptions) {
    for (const resource of plan.resources) this.byUrn.set(resource.urn, resource);
    for (const [urn, id] of Object.entries(plan.ids)) {
      const resource = this.byUrn.get(urn);
      if (resource) this.byId.set(id, resource);
    }
  }

  /** Hours in a billing month. */
  get hours(): number {
    return this.table.hoursPerMonth;
  }

  /** The resource a cloud id (as the plan's mocks gave it) belongs to. */
  resourceWithId(id: unknown): PlannedResource | undefined {
    return typeof id === "string" ? this.byId.get(id) : undefined;
  }

  /** Resources of a type in the plan. */
  ofType(type: string): PlannedResource[] {
    return this.plan.resources.filter((r) => r.type === type);
  }

  /** The AWS region a resource is billed in: its own `region` input, else its provider's. */
  regionOf(resource: PlannedResource): string | undefined {
    if (typeof resource.inputs["region"] === "string") return resource.inputs["region"];
    const provider = resource.provider ? this.byUrn.get(resource.provider) : undefined;
    const region = provider?.inputs["region"];
    return typeof region === "string" ? region : undefined;
  }

  /** A one-number price of a region. */
  price(region: string | undefined, field: ScalarPrice): Lookup {
    const prices = this.regionPrices(region);
    if ("missing" in prices) return prices;
    const price = prices.table[field];
    return price === undefined ? { missing: `no ${field} price for ${region}` } : { price };
  }

  /** A price by name in one of a region's price lists (instance types, storage types…). */
  listed(region: string | undefined, list: Exclude<keyof RegionPrices, ScalarPrice | EngineList>, key: string): Lookup {
    const prices = this.regionPrices(region);
    if ("missing" in prices) return prices;
    const price = prices.table[list]?.[key];
    return price === undefined ? { missing: `no ${list} price for ${key} in ${region}` } : { price };
  }

  /** RDS instance-hour price of an engine and class. */
  rdsHourly(region: string | undefined, engine: RdsEngine, instanceClass: string): Lookup {
    return this.byEngine(region, "rdsHourly", engine, instanceClass);
  }

  /** ElastiCache node-hour price of an engine and node type. */
  cacheHourly(region: string | undefined, engine: CacheEngine, nodeType: string): Lookup {
    return this.byEngine(region, "elasticacheHourly", engine, nodeType);
  }

  /** Regions a resource is billed in that the price table has no prices for at all, sorted. */
  get regionsWithoutTable(): string[] {
    return [...this.absentRegions].sort();
  }

  private readonly absentRegions = new Set<string>();

  private byEngine(region: string | undefined, list: EngineList, engine: string, type: string): Lookup {
    const prices = this.regionPrices(region);
    if ("missing" in prices) return prices;
    const byEngine: Readonly<Record<string, Readonly<Record<string, number>> | undefined>> | undefined = prices.table[list];
    const engineList = byEngine?.[engine];
    if (engineList === undefined) return { missing: `no ${engine} prices in the ${region} table (${pricesUpdateCommand(region!)})` };
    const price = engineList[type];
    return price === undefined ? { missing: `no ${engine} price for ${type} in ${region}` } : { price };
  }

  private regionPrices(region: string | undefined): { table: RegionPrices } | { missing: string } {
    if (region === undefined) return { missing: "the resource's region is not in the plan" };
    const table = this.table.aws[region];
    if (table) return { table };
    this.absentRegions.add(region);
    return { missing: `region ${region} has no price table (${pricesUpdateCommand(region)})` };
  }
}

/**
 * A part priced as `price × quantity` (per month), with the quantity at the low and the high
 * end; an unknown price gives an unknown part.
 */
export function part(label: string, lookup: Lookup, quantityMin: number, quantityMax = quantityMin): CostPart {
  if ("missing" in lookup) return { label, monthlyMin: 0, monthlyMax: 0, unknown: lookup.missing };
  return { label, monthlyMin: lookup.price * quantityMin, monthlyMax: lookup.price * quantityMax };
}

/** A part that is unknown for a reason other than a missing table entry. */
export function unknownPart(label: string, reason: string): CostPart {
  return { label, monthlyMin: 0, monthlyMax: 0, unknown: reason };
}

/** A number input, or undefined. */
export function numberInput(resource: PlannedResource, key: string): number | undefined {
  const value = resource.inputs[key];
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A string input, or undefined. */
export function stringInput(resource: PlannedResource, key: string): string | undefined {
  const value = resource.inputs[key];
  return typeof value === "string" ? value : undefined;
}

/** A resource pricer: the parts a resource costs, or an empty list when it costs nothing. */
export type Pricer = (resource: PlannedResource, context: PricingContext) => CostPart[];
