/** What the plan command prints about a tenant's cost. */
import type { Io } from "../command-line";
import type { TenantPlan } from "../plan/plan-types";
import type { LoadedTenant } from "../spec/load-tenant";
import { costAtRevision, renderCostChange, type BaseCost } from "./cost-change";
import type { CostEstimate } from "./estimate-types";
import { renderCost, renderCostSummary } from "./render-cost";
import { estimateTenantCost } from "./tenant-cost";

/** How much to print. */
export interface CostReportOptions {
  /** The breakdown by component and resource (true) or one summary line (false). */
  readonly detailed: boolean;
  /** A git revision to compare with: prints the cost there and now. @default undefined (no comparison) */
  readonly base?: string;
}

/** A tenant's estimate, and its cost at the base revision when one was asked for. */
export interface ReportedCost {
  readonly estimate: CostEstimate;
  readonly base?: BaseCost;
}

/** Estimates the tenant's cost, prints it (and its change since `base`), and returns both. */
export async function reportCost(plan: TenantPlan, tenant: LoadedTenant, options: CostReportOptions, io: Io): Promise<ReportedCost> {
  const estimate = estimateTenantCost(plan, tenant.spec);
  io.out(options.detailed ? renderCost(estimate) : renderCostSummary(estimate));
  if (!options.base) return { estimate };
  const base = await costAtRevision(options.base, tenant);
  io.out(renderCostChange(options.base, base, estimate));
  return { estimate, base };
}
