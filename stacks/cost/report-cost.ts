/** What the plan command prints about a tenant's cost. */
import type { Io } from "../command-line";
import type { TenantPlan } from "../plan/plan-types";
import type { LoadedTenant } from "../spec/load-tenant";
import { costAtRevision, renderCostChange } from "./cost-change";
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

/** Estimates the tenant's cost, prints it (and its change since `base`), and returns the estimate. */
export async function reportCost(plan: TenantPlan, tenant: LoadedTenant, options: CostReportOptions, io: Io): Promise<CostEstimate> {
  const estimate = estimateTenantCost(plan, tenant.spec);
  io.out(options.detailed ? renderCost(estimate) : renderCostSummary(estimate));
  if (options.base) io.out(renderCostChange(options.base, await costAtRevision(options.base, tenant), estimate));
  return estimate;
}
