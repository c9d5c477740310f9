/** The plan's network flows as text: a summary line, and with details one line per flow. */
import { planStackResources } from "../../policies/plan-view";
import { reachability } from "../../policies/reachability/flows";
import type { TenantPlan } from "../../policies/plan-types";

/**
 * `<tenant>: reachability: N needed flows open, M missing; K rules open beyond them`, then (when
 * `detailed`) each needed flow with how it gets through or what blocks it, and each rule no
 * needed flow uses.
 */
export function renderReachability(plan: TenantPlan, detailed: boolean): string {
  const { flows, unintended } = reachability(planStackResources(plan));
  const missing = flows.filter((flow) => flow.status === "missing");
  const summary = `${plan.tenant}: reachability: ${flows.length - missing.length} needed flows open, ${missing.length} missing; ${unintended.length} rules open beyond them`;
  if (!detailed) return summary;
  const width = Math.max(0, ...flows.map((flow) => `${flow.from} -> ${flow.to} tcp/${flow.port}`.length));
  const lines = flows.map((flow) => {
    const what = `${flow.from} -> ${flow.to} tcp/${flow.port}`.padEnd(width);
    return flow.status === "open" ? `  open     ${what}  via ${flow.via}` : `  MISSING  ${what}  ${flow.reason}`;
  });
  const extra = unintended.map((rule) => `  BEYOND   ${rule.urn.split("::").pop() ?? rule.urn}: ${rule.message}`);
  return [summary, ...lines, ...extra].join("\n");
}
