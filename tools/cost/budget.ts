/**
 * The tenant's monthly budget (`cost.monthlyBudget`) as a policy finding: a change whose estimate
 * goes over the budget is flagged at the configured level (`cost.budgetLevel`, advisory by default).
 *
 * The estimate's high end (scaling maximums, storage ceilings) is compared, as that is what the
 * tenant can be billed without another change. With unknown prices the high end is a lower bound:
 * a lower bound over the budget is over it for certain; one under it cannot tell, and says so.
 *
 * A tenant already over its budget at the base revision is flagged again only when the change
 * raises the high end: a change that lowers the cost (or keeps it) is the way back under the
 * budget and is not blocked, but the plan says the tenant is still over.
 */
import type { Violation } from "../../policies/run-offline";
import type { TenantPlan } from "../../policies/plan-types";
import type { CostSpec } from "../../tenant-schema/sections/cost";
import type { BaseCost } from "./cost-change";
import type { CostEstimate } from "./estimate-types";
import { formatAmount } from "./render-cost";

/** The rule name the finding carries. */
export const BUDGET_RULE = "cost-monthly-budget";

/** What the budget check found: a finding, and/or a note for the plan's output. */
export interface BudgetCheck {
  readonly finding?: Violation;
  readonly note?: string;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * Checks the estimate against the tenant file's budget; `before` is the cost at the base revision
 * (undefined without a base). Nothing when the file sets no budget.
 */
export function checkBudget(plan: TenantPlan, cost: CostSpec | undefined, after: CostEstimate, before?: BaseCost): BudgetCheck {
  const budget = cost?.monthlyBudget;
  if (budget === undefined) return {};
  const level = cost?.budgetLevel ?? "advisory";
  const limit = `${after.currency} ${formatAmount(budget)}/month`;
  if (after.regionsWithoutTable.length > 0) {
    return { note: `${after.tenant}: budget ${limit} not checked: no price table for ${after.regionsWithoutTable.join(", ")}` };
  }
  const high = after.monthlyMax;
  const bound = after.unknownCount > 0 ? "at least " : "";
  if (high <= budget) {
    return after.unknownCount > 0
      ? { note: `${after.tenant}: budget ${limit}: the known cost (${after.currency} ${formatAmount(high)}) is under it, but ${after.unknownCount} price${after.unknownCount === 1 ? " is" : "s are"} unknown` }
      : {};
  }
  const base = before?.kind === "estimate" ? before.estimate : undefined;
  const baseOver = base !== undefined && base.regionsWithoutTable.length === 0 && base.monthlyMax > budget;
  if (baseOver && high <= base.monthlyMax) {
    return { note: `${after.tenant}: still over the budget of ${limit} (high end ${bound}${after.currency} ${formatAmount(high)}, ${formatAmount(base.monthlyMax)} before): the change does not raise it, so it is not flagged` };
  }
  const stack = plan.resources.find((r) => r.type === STACK_TYPE);
  const how = baseOver ? `raises the cost further over the budget (high end ${formatAmount(base.monthlyMax)} before)` : "goes over the budget";
  return {
    finding: {
      rule: BUDGET_RULE,
      control: "platform cost control",
      enforcementLevel: level,
      urn: stack?.urn ?? plan.tenant,
      message: `the estimated cost ${bound}${after.currency} ${formatAmount(after.monthlyMin)}–${formatAmount(high)}/month ${how} of ${limit} (cost.monthlyBudget); lower the scaling maximums or sizes, or raise the budget`,
    },
  };
}
