/**
 * {@link TenantChanges} from offline plans: the plan alone reads as a new stack (everything
 * created); with the plan of the base revision, resources are compared by URN or, as the engine
 * does, by an alias (added: create, gone: delete, inputs or protection differing: update, with
 * the differing input keys).
 * Replacements cannot be told offline (they depend on each provider's schema); the replacement
 * guard (`--base`) refuses the replacements of stateful resources a tenant file can cause.
 */
import { ALL_RULES } from "../../policies/all-rules";
import { runRules, type RunOptions } from "../../policies/run-offline";
import type { PlannedResource, TenantPlan } from "../plan/plan-types";
import { countKinds, sortChanges, type ChangeKind, type PolicyFinding, type ResourceChange, type TenantChanges } from "./changes";
import { isStateful } from "./stateful-types";

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Top-level input keys whose values differ (and `protect`/`retainOnDelete` when those differ). */
function differingKeys(before: PlannedResource, after: PlannedResource): string[] {
  const keys = new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)]);
  const differing = [...keys].filter((k) => canonical(before.inputs[k]) !== canonical(after.inputs[k]));
  if (before.options.protect !== after.options.protect) differing.push("(protect)");
  if (before.options.retainOnDelete !== after.options.retainOnDelete) differing.push("(retainOnDelete)");
  return differing.sort();
}

function change(resource: PlannedResource, kind: Exclude<ChangeKind, "same">, keys: string[] = []): ResourceChange {
  return { urn: resource.urn, type: resource.type, name: resource.name, kind, stateful: isStateful(resource.type), protect: resource.options.protect, keys };
}

/** The policy pack's findings over a plan (with the tenant file's declarations and the levels in `policies`). */
export function offlinePolicyFindings(plan: TenantPlan, policies: RunOptions = {}): PolicyFinding[] {
  return runRules(plan, ALL_RULES, policies).map((v) => ({ policy: v.rule, level: v.enforcementLevel === "mandatory" ? "mandatory" : "advisory", message: v.message, urn: v.urn }));
}

/**
 * What deploying `plan` would change, compared with `base` (absent: a new stack), with the policy
 * findings run as `policies` says (tenant declarations, levels).
 */
export function offlineChanges(plan: TenantPlan, base?: TenantPlan, policies: RunOptions = {}): TenantChanges {
  const kinds: ChangeKind[] = [];
  const resources: ResourceChange[] = [];
  const before = new Map((base?.resources ?? []).map((r) => [r.urn, r]));
  for (const resource of plan.resources) {
    // As the engine looks up old state: by URN first, then by each alias.
    const oldUrn = [resource.urn, ...(resource.options.aliases ?? [])].find((urn) => before.has(urn));
    const old = oldUrn === undefined ? undefined : before.get(oldUrn);
    if (oldUrn !== undefined) before.delete(oldUrn);
    if (!old) {
      kinds.push("create");
      resources.push(change(resource, "create"));
      continue;
    }
    const keys = differingKeys(old, resource);
    if (keys.length === 0) {
      kinds.push("same");
    } else {
      kinds.push("update");
      resources.push(change(resource, "update", keys));
    }
  }
  for (const gone of before.values()) {
    kinds.push("delete");
    resources.push(change(gone, "delete"));
  }
  return { counts: countKinds(kinds), resources: sortChanges(resources), policies: offlinePolicyFindings(plan, policies), errors: [] };
}
