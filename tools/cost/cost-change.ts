/**
 * A tenant's cost before and after a change: the tenant file at a git revision is planned with
 * today's code (so the difference is the file's) and estimated like the current one.
 */
import { planAtRevision, type BaseVersion } from "../plan/plan-at-revision";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import type { CostEstimate, CostRange } from "./estimate-types";
import { formatAmount, formatTotal } from "./render-cost";
import { estimateTenantCost } from "./tenant-cost";

/**
 * The tenant's cost at revision `base`: an estimate; "unchanged" when the file is the same there
 * (not planned twice); "new" when it did not exist there; "invalid" when it did not validate there;
 * "unplanned" when it validated but did not plan.
 */
export type BaseCost =
  | { readonly kind: "estimate"; readonly estimate: CostEstimate }
  | { readonly kind: "unchanged" }
  | { readonly kind: "new" }
  | { readonly kind: "invalid" }
  | { readonly kind: "unplanned"; readonly message: string };

/** The cost of a tenant file's base version (see {@link planAtRevision}). */
export function baseCostOf(version: BaseVersion): BaseCost {
  switch (version.kind) {
    case "planned": return { kind: "estimate", estimate: estimateTenantCost(version.plan, version.tenant.spec) };
    case "failed": return { kind: "unplanned", message: version.message };
    default: return version;
  }
}

/**
 * Estimates the tenant file as it was at `base` (git revision), planned among `fleet` (the other
 * tenants as they are now; default none). Throws `GitBaseError` when git cannot answer.
 */
export async function costAtRevision(base: string, tenant: LoadedTenant, fleet: readonly LoadedTenant[] = []): Promise<BaseCost> {
  return baseCostOf(await planAtRevision(base, tenant, fleet));
}

function signed(amount: number): string {
  return `${amount < 0 ? "−" : "+"}${formatAmount(Math.abs(amount))}`;
}

/** The change of each end of the range: `+12.00`, `−3.00 to +5.00`. */
function difference(before: CostEstimate, after: CostEstimate): string {
  const low = after.monthlyMin - before.monthlyMin;
  const high = after.monthlyMax - before.monthlyMax;
  return formatAmount(low) === formatAmount(high) ? signed(low) : `${signed(low)} to ${signed(high)}`;
}

/**
 * The change of the monthly cost in a few words, for one-line summaries: `+12.00 USD/month`,
 * `unchanged`, `+40.00 USD/month (new)`, `unknown before (…)`.
 */
export function costDelta(before: BaseCost, after: CostEstimate): string {
  const unit = `${after.currency}/month`;
  switch (before.kind) {
    case "unchanged": return "unchanged";
    case "new": return `${formatTotal(after)} (new)`;
    case "invalid": return `unknown before (the file was invalid there), now ${formatTotal(after)}`;
    case "unplanned": return `unknown before (it did not plan), now ${formatTotal(after)}`;
    case "estimate": return `${difference(before.estimate, after)} ${unit}`;
  }
}

/** One line: the cost at the base revision, now, and the change of each end of the range. */
export function renderCostChange(base: string, before: BaseCost, after: CostEstimate): string {
  const now = formatTotal(after);
  // The base file is planned with this revision's code: the change is the tenant file's alone.
  if (before.kind === "unchanged") return `${after.tenant}: tenant file unchanged since ${base}: ${now}`;
  if (before.kind === "new") return `${after.tenant}: tenant file new since ${base}: none before; now ${now}`;
  if (before.kind === "invalid") return `${after.tenant}: tenant file at ${base}: unknown (the file was invalid there); now ${now}`;
  if (before.kind === "unplanned") return `${after.tenant}: tenant file at ${base}: unknown (it did not plan: ${before.message}); now ${now}`;
  return `${after.tenant}: tenant file at ${base}: ${formatTotal(before.estimate)}; now ${now} (change ${difference(before.estimate, after)} ${after.currency}/month, code as now)`;
}

/** The range of an estimate, for reports. */
function rangeOf(estimate: CostEstimate): CostRange {
  const { regionsWithoutTable } = estimate;
  return { min: estimate.monthlyMin, max: estimate.monthlyMax, unknownCount: estimate.unknownCount, ...(regionsWithoutTable.length > 0 ? { regionsWithoutTable } : {}) };
}

/**
 * The cost before and after as the pull-request report shows it: a new tenant cost nothing before;
 * a file that did not validate at the base has an unknown cost there; no base compares nothing.
 */
export function costChangeOf(after: CostEstimate, before: BaseCost | undefined): { before?: CostRange | null; after: CostRange; currency: "USD" } {
  const now = rangeOf(after);
  if (!before) return { after: now, currency: "USD" };
  switch (before.kind) {
    case "unchanged": return { before: now, after: now, currency: "USD" };
    case "new": return { before: { min: 0, max: 0, unknownCount: 0 }, after: now, currency: "USD" };
    case "invalid":
    case "unplanned": return { before: null, after: now, currency: "USD" };
    case "estimate": return { before: rangeOf(before.estimate), after: now, currency: "USD" };
  }
}
