/** The cost estimate of one tenant, as `estimateCost` returns it and `--json` writes it. */
import type { UsageAssumptions } from "../../tenant-schema/cost-assumptions";

/** One priced item of a resource (instances, storage, requests…). */
export interface CostPart {
  /** What is priced and how, e.g. "2–6 × t4g.small × 730 h × 0.0192/h". */
  readonly label: string;
  /** Monthly cost at the low end (e.g. an Auto Scaling group at its minimum size). */
  readonly monthlyMin: number;
  /** Monthly cost at the high end (e.g. at the maximum size); equals the minimum when fixed. */
  readonly monthlyMax: number;
  /** Why the price is unknown (missing from the price table); the amounts are then 0 and not a price. */
  readonly unknown?: string;
}

/** The monthly cost of one resource of the plan. */
export interface ResourceCost {
  /** The resource's URN (for the Cloudflare plan, its Edge component's). */
  readonly urn: string;
  /** The resource's type token. */
  readonly type: string;
  /** The resource's logical name. */
  readonly name: string;
  /** URN of the component the resource belongs to (its nearest component ancestor). */
  readonly component: string | null;
  /** AWS region the resource is billed in; null for Cloudflare. */
  readonly region: string | null;
  /** Sum of the known parts at the low end. */
  readonly monthlyMin: number;
  /** Sum of the known parts at the high end. */
  readonly monthlyMax: number;
  /** What the resource's cost is made of, known and unknown. */
  readonly parts: readonly CostPart[];
}

/** The monthly cost of one component: the sum of its own resources (not of nested components). */
export interface ComponentCost {
  /** The component's URN. */
  readonly urn: string;
  /** The component's type token, e.g. tenant-platform:web:WebTier. */
  readonly type: string;
  /** The component's logical name. */
  readonly name: string;
  /** Known monthly cost of its resources at the low end. */
  readonly monthlyMin: number;
  /** Known monthly cost of its resources at the high end. */
  readonly monthlyMax: number;
  /** Parts of its resources whose price is unknown. */
  readonly unknownCount: number;
}

/** A priced item the table has no price for: the totals are "at least" the known sum. */
export interface UnknownPrice {
  /** URN of the resource the item belongs to. */
  readonly urn: string;
  /** Its type token. */
  readonly type: string;
  /** Its logical name. */
  readonly name: string;
  /** The item, as in {@link CostPart.label}. */
  readonly item: string;
  /** Why there is no price (what the price table lacks). */
  readonly reason: string;
}

/** A tenant's estimated monthly cost. */
export interface CostEstimate {
  /** The tenant id (the plan's). */
  readonly tenant: string;
  /** Currency of every amount (the price table's). */
  readonly currency: string;
  /** The date of the prices used: their regions' tables' dates (`2026-11-24 and 2026-11-30`). */
  readonly priceTableDate: string;
  /** Known monthly total at the low end (scaling minimums). A lower bound when unknownCount > 0. */
  readonly monthlyMin: number;
  /** Known monthly total at the high end (scaling maximums). A lower bound when unknownCount > 0. */
  readonly monthlyMax: number;
  /** Items without a price; when above zero, the totals are "at least". */
  readonly unknownCount: number;
  /** Each item without a price, with the reason. */
  readonly unknowns: readonly UnknownPrice[];
  /** Per component, in plan order. */
  readonly components: readonly ComponentCost[];
  /** Per resource that costs something or whose price is unknown, in plan order. */
  readonly resources: readonly ResourceCost[];
  /**
   * Regions the tenant's resources are billed in that the price table has no prices for: the
   * estimate is then not a total but a pointer to the command that generates the table.
   */
  readonly regionsWithoutTable: readonly string[];
  /** What the estimate does not count (see `leftOutOfEstimate`). */
  readonly leftOut: readonly string[];
  /** The usage assumptions the estimate used. */
  readonly assumptions: UsageAssumptions;
  /** Names of the assumptions the tenant file overrides. */
  readonly assumptionsOverridden: readonly string[];
}

/** A monthly cost range: at the scaling minimums and maximums; a lower bound when some prices are unknown. */
export interface CostRange {
  readonly min: number;
  readonly max: number;
  /** Priced items whose price is unknown (the range then reads "at least"). */
  readonly unknownCount: number;
  /** Regions without a price table: the range is then not an estimate. @default none */
  readonly regionsWithoutTable?: readonly string[];
}

/** A tenant's monthly cost before and after the change; null or absent means unknown. */
export interface CostChange {
  readonly before?: CostRange | null;
  readonly after?: CostRange | null;
  readonly currency: "USD";
}
