/**
 * {@link TenantChanges} from offline plans: the plan alone reads as a new stack (everything
 * created); with the plan of the base revision, the update simulation (`update-simulation.ts`)
 * says what `pulumi up` would do: create, update, replace (by the provider's replace-forcing
 * inputs) or delete, the steps the engine or AWS would refuse as errors, and the disruptive
 * in-place changes as warnings.
 */
import { ALL_RULES } from "../../policies/all-rules";
import { runRules, type RunOptions } from "../../policies/run-offline";
import type { TenantPlan } from "../../policies/plan-types";
import { simulateUpdate, type SimulationContext } from "../plan/update-simulation";
import { disruptionWarnings } from "../plan/disruption-warnings";
import { countKinds, sortChanges, type ChangeKind, type PolicyFinding, type ResourceChange, type TenantChanges } from "./changes";
import { isStateful } from "../plan/stateful-types";

/** The policy pack's findings over a plan (with the tenant file's declarations and the levels in `policies`). */
export function offlinePolicyFindings(plan: TenantPlan, policies: RunOptions = {}): PolicyFinding[] {
  return runRules(plan, ALL_RULES, policies).map((v) => ({ policy: v.rule, level: v.enforcementLevel === "mandatory" ? "mandatory" : "advisory", message: v.message, urn: v.urn }));
}

/**
 * What deploying `plan` would change, compared with `base` (absent: a new stack), with the policy
 * findings run as `policies` says (tenant declarations, levels).
 */
export function offlineChanges(plan: TenantPlan, base?: TenantPlan, policies: RunOptions = {}, context: SimulationContext = {}): TenantChanges {
  const policyFindings = offlinePolicyFindings(plan, policies);
  if (!base) {
    const resources = plan.resources.map((r): ResourceChange => ({ urn: r.urn, type: r.type, name: r.name, kind: "create", stateful: isStateful(r.type), protect: r.options.protect, keys: [] }));
    return { counts: countKinds(resources.map((r) => r.kind)), resources: sortChanges(resources), policies: policyFindings, errors: [] };
  }
  const simulation = simulateUpdate(base, plan, context);
  const protectOf = new Map([...base.resources, ...plan.resources].map((r) => [r.urn, r.options.protect]));
  const resources = simulation.changes.map((c): ResourceChange => ({ urn: c.urn, type: c.type, name: c.name, kind: c.step, stateful: c.stateful, protect: protectOf.get(c.urn) ?? false, keys: c.fields, ...(c.values ? { values: c.values } : {}) }));
  const kinds: ChangeKind[] = resources.map((r) => r.kind);
  const changedInPlan = resources.filter((r) => r.kind !== "delete").length;
  for (let i = 0; i < plan.resources.length - changedInPlan; i++) kinds.push("same");
  const warnings = disruptionWarnings({ base, plan, changes: simulation.changes }).map((w) => w.message);
  return { counts: countKinds(kinds), resources: sortChanges(resources), policies: policyFindings, errors: [...simulation.errors], ...(warnings.length > 0 ? { warnings } : {}) };
}
