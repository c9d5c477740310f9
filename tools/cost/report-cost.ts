/** What the plan command prints about a tenant's cost. */
import type { Io } from "../command-line";
import type { BaseVersion } from "../plan/plan-at-revision";
import type { TenantPlan } from "../../policies/plan-types";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import { baseCostOf, renderCostChange, type BaseCost } from "./cost-change";
import type { CostEstimate } from "./estimate-types";
import { renderCost, renderCostSummary } from "./render-cost";
import { estimateTenantCost } from "./tenant-cost";

/** How much to print. */
export interface CostReportOptions {
  /** The breakdown by component and resource (true) or one summary line (false). */
  readonly detailed: boolean;
  /**
   * The git revision to compare with and the tenant file's version there (planned once by the
   * caller, see `planAtRevision`): prints the cost there and now. @default undefined (no comparison)
   */
  readonly base?: { readonly revision: string; readonly version: BaseVersion };
}

/** A tenant's estimate, and its cost at the base revision when one was asked for. */
export interface ReportedCost {
  readonly estimate: CostEstimate;
  readonly base?: BaseCost;
}

/** Estimates the tenant's cost, prints it (and its change since the base), and returns both. */
export function reportCost(plan: TenantPlan, tenant: LoadedTenant, options: CostReportOptions, io: Io): ReportedCost {
  const estimate = estimateTenantCost(plan, tenant.spec);
  io.out(options.detailed ? renderCost(estimate) : renderCostSummary(estimate));
  if (!options.base) return { estimate };
  const base = baseCostOf(options.base.version);
  io.out(renderCostChange(options.base.revision, base, estimate));
  return { estimate, base };
}
