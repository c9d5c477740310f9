/**
 * What `pulumi up` would do to a stack deployed from `base` when the program now registers
 * `plan`, step by step, with the engine's rules (pulumi/pulumi pkg/resource/deploy/step_generator.go):
 *
 * - Old state is found by URN, then by each alias. No old state: create. Old state the program
 *   no longer registers: delete, after every create and update, dependents first
 *   (`GenerateDeletes`, `ScheduleDeletes`).
 * - Inputs differing only in properties the resource's `ignoreChanges` names keep the old values:
 *   no change (those are reported as hidden).
 * - A differing replace-forcing input (the provider's, `replace-forcing.ts`) replaces, and so does
 *   a differing input the resource's `replaceOnChanges` option names (`applyReplaceOnChanges`);
 *   else the resource updates in place. An input fed by a resource being replaced, or by an output
 *   the provider recomputes when it updates a resource in place (`recomputed-outputs.ts`), is
 *   unknown in the preview and counts as differing.
 * - A replacement creates the new resource first and deletes the old one with the deletes at
 *   the end (create-before-delete), unless `deleteBeforeReplace` is set: then the resources it
 *   would replace through their inputs are deleted first, dependents before it, then it is
 *   deleted and created (`calculateDependentReplacements`).
 * - A replacement re-runs the provider's `Check` without the old inputs, so an auto-named resource
 *   gets a fresh name; a name the program fixes stays, and AWS refuses the second resource of
 *   that name while the first still exists.
 * - A resource protected before and after cannot be replaced ("unable to replace resource … as
 *   it is currently marked for protection"), and a protected resource cannot be deleted
 *   (`deleteProtectedError`, pkg/resource/deploy/step.go).
 *
 * AWS refusals no provider schema shows are in `aws-refusals.ts`.
 */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { NAME_RULES } from "./physical-names";
import { replaceForcingOf, type ConditionalReplacement, type ReplaceForcing } from "./replace-forcing";
import { isStateful } from "./stateful-types";
import { awsRefusals, compareVersions } from "./aws-refusals";
import { causeOf } from "./tenant-cause";
import { canonicalJson, UNKNOWN_MARK } from "./wire-values";
import { recomputedOutputs } from "./recomputed-outputs";

/** How a resource changes. */
export type StepKind = "create" | "update" | "replace" | "delete";

/** One resource's change. */
export interface SimulatedChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly step: StepKind;
  /** For a replacement: whether the new one is created before the old one is deleted. */
  readonly mode?: "create-before-delete" | "delete-before-replace";
  /** Inputs that change; for a replacement, the inputs that force it. */
  readonly fields: readonly string[];
  /** Inputs that differ but that `ignoreChanges` keeps as they were. */
  readonly ignored: readonly string[];
  /**
   * For an update or a replacement, each of {@link fields} with its deployed and its new value
   * (secrets read `[secret]`; an input fed by a resource being replaced reads `[unknown]`, as the
   * preview shows it). Absent for creates and deletes.
   */
  readonly values?: readonly FieldChange[];
  /** True for types that hold data (`stateful-types.ts`). */
  readonly stateful: boolean;
  readonly reason: string;
  /** Why the engine or AWS would refuse this step; absent when it would not. */
  readonly error?: string;
  /** The operation that fails, with {@link error}. */
  readonly refusedAt?: SimulatedStep["op"];
}

/** One changed input: its value in the deployed state and in the program now (undefined: not set). */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** One operation of the update, in the order the engine runs them. */
export interface SimulatedStep {
  readonly op: "create" | "update" | "create-replacement" | "delete-replaced" | "delete";
  readonly urn: string;
}

/** A resource whose inputs differ only where its `ignoreChanges` keeps the deployed values. */
export interface HiddenChange {
  readonly urn: string;
  readonly type: string;
  readonly ignored: readonly string[];
}

export interface UpdateSimulation {
  /** Every resource that changes, in the order of its first step. */
  readonly changes: readonly SimulatedChange[];
  /** Differences `ignoreChanges` hides (the resource stays as it is). */
  readonly hidden: readonly HiddenChange[];
  readonly steps: readonly SimulatedStep[];
  /** Resources left as they are. */
  readonly same: number;
  /** The refusals of {@link changes}, one line each. */
  readonly errors: readonly string[];
}

/** What the simulation knows besides the two plans. */
export interface SimulationContext {
  /** Tenant file keys (`database.version`) whose values differ between the two versions. @default [] */
  readonly changedFields?: readonly string[];
}

/** The value at a dotted path; through a list, the list of the values. */
function valueAt(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return value;
  if (Array.isArray(value)) return value.map((item) => valueAt(item, path));
  if (value === null || typeof value !== "object") return undefined;
  return valueAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

/** The keyed digests of one resource's secret inputs (plan-types.ts `secretDigests`). */
type Digests = Readonly<Record<string, string>>;

/**
 * True when the input at `property` differs. Secrets read the same mask on both sides; where both
 * plans know a secret's value, its keyed digests decide, as the engine compares a secret by the
 * value it wraps (pulumi/pulumi sdk/go/common/resource/properties_diff.go, `DeepEquals`).
 */
function differs(before: Record<string, unknown>, after: Record<string, unknown>, property: string, digests: { before: Digests; after: Digests }): boolean {
  const path = property.split(".");
  if (canonicalJson(valueAt(before, path)) !== canonicalJson(valueAt(after, path))) return true;
  const under = (key: string) => key === property || key.startsWith(`${property}.`);
  return Object.keys(digests.after).some((key) => under(key) && key in digests.before && digests.before[key] !== digests.after[key]);
}

function conditionHolds(rule: ConditionalReplacement, before: unknown, after: unknown): boolean {
  if (typeof before !== "string" || typeof after !== "string") return false;
  if (rule.when === "downgrade") return compareVersions(after, before) < 0;
  return before.toLowerCase() === "valkey" && after.toLowerCase() === "redis";
}

const isProvider = (r: PlannedResource) => r.type.startsWith("pulumi:providers:");

/** AWS's answer to a second resource of the same name, by type. */
const NAME_TAKEN: Readonly<Record<string, string>> = {
  "aws:rds/instance:Instance": "DBInstanceAlreadyExists",
  "aws:elasticache/replicationGroup:ReplicationGroup": "ReplicationGroupAlreadyExistsFault",
  "aws:s3/bucket:Bucket": "BucketAlreadyOwnedByYou",
  "aws:lb/loadBalancer:LoadBalancer": "DuplicateLoadBalancerName",
  "aws:lb/targetGroup:TargetGroup": "DuplicateTargetGroupName",
  // Lambda API reference, CreateFunction, Errors: ResourceConflictException ("The resource already exists").
  "aws:lambda/function:Function": "ResourceConflictException",
};

/** The tenant file's declared way through a fixed-name collision, by type. */
const WAY_THROUGH: Readonly<Record<string, string>> = {
  "aws:elasticache/replicationGroup:ReplicationGroup": ' Declare cache.replacement: { allow: true, reason: "…" } to delete the cache before its replacement is created (its contents are lost).',
};

/** The name the program fixed for a resource (unchanged by a replacement), if any. */
function fixedName(resource: PlannedResource, old: PlannedResource): { property: string; name: string } | undefined {
  const rule = NAME_RULES[resource.type];
  if (!rule) return undefined;
  const now = resource.inputs[rule.property];
  const before = old.inputs[rule.property];
  return typeof now === "string" && now === before ? { property: rule.property, name: now } : undefined;
}

interface Decision {
  readonly resource: PlannedResource;
  readonly old?: PlannedResource;
  readonly kind: StepKind | "same";
  readonly fields: string[];
  readonly ignored: string[];
  readonly reason: string;
  /** Inputs whose new value comes from a resource being replaced, or from an output its update recomputes (unknown in the preview). */
  readonly unknown?: readonly string[];
}

/** Decides create / same / update / replace for each registered resource, in registration order. */
function decide(plan: TenantPlan, oldOf: (r: PlannedResource) => PlannedResource | undefined, oldDigests: TenantPlan["secretDigests"]): Decision[] {
  const replaced = new Set<string>();
  /** Updated resources whose update gives some output a new value (`recomputed-outputs.ts`). */
  const recomputing = new Set<string>();
  const decisions: Decision[] = [];
  for (const resource of plan.resources) {
    if (!resource.custom || isProvider(resource)) continue;
    const old = oldOf(resource);
    if (!old) {
      decisions.push({ resource, kind: "create", fields: [], ignored: [], reason: "new in the program" });
      continue;
    }
    const keys = new Set([...Object.keys(old.inputs), ...Object.keys(resource.inputs)]);
    const digests = { before: oldDigests?.[old.urn] ?? {}, after: plan.secretDigests?.[resource.urn] ?? {} };
    const changed = [...keys].filter((k) => differs(old.inputs, resource.inputs, k, digests));
    // Inputs fed by a resource being replaced are unknown until it exists; so are inputs fed by
    // an output the provider recomputes when it updates a resource in place.
    const fedByUnknown = Object.entries(plan.propertyDependencies[resource.urn] ?? {})
      .filter(([, urns]) => urns.some((u) => replaced.has(u) || recomputing.has(u))).map(([k]) => k);
    const all = [...new Set([...changed, ...fedByUnknown])].sort();
    const ignore = new Set(resource.options.ignoreChanges.map((p) => p.split(/[.[]/)[0]!));
    const ignored = all.filter((k) => ignore.has(k));
    const fields = all.filter((k) => !ignore.has(k));
    // `protect` is no input: changing it alone is a same step that records the new setting.
    if (fields.length === 0) {
      decisions.push({ resource, old, kind: "same", fields: [], ignored, reason: "" });
      continue;
    }
    // The `replaceOnChanges` option turns a change of those inputs into a replacement, whatever the provider says.
    const onChanges = (resource.options.replaceOnChanges ?? []).map((p) => p.split(/[.[]/)[0]!).filter((p) => fields.includes(p));
    const forcing: Pick<ReplaceForcing, "properties" | "conditional" | "source"> | undefined = replaceForcingOf(resource.type) ?? (onChanges.length > 0 ? { properties: [], source: "" } : undefined);
    if (!forcing) {
      if (recomputedOutputs(resource.type, fields).length > 0) recomputing.add(resource.urn);
      decisions.push({ resource, old, kind: "update", fields, ignored, reason: `${resource.type} is not yet covered by replace-forcing.ts: this update may be a replacement`, unknown: fedByUnknown });
      continue;
    }
    const forced = forcing.properties.filter((p) => {
      const top = p.split(".")[0]!;
      return fields.includes(top) && (fedByUnknown.includes(top) || differs(old.inputs, resource.inputs, p, digests));
    });
    for (const rule of forcing.conditional ?? []) {
      if (fields.includes(rule.property) && conditionHolds(rule, old.inputs[rule.property], resource.inputs[rule.property])) forced.push(rule.property);
    }
    if (forced.length > 0 || onChanges.length > 0) {
      replaced.add(resource.urn);
      const via = [...forced, ...onChanges].filter((f) => fedByUnknown.includes(f.split(".")[0]!));
      const reasons = [
        ...(forced.length > 0 ? [`${forced.join(", ")} ${forced.length > 1 ? "force" : "forces"} a replacement (${forcing.source})`] : []),
        ...(onChanges.length > 0 ? [`${onChanges.join(", ")} ${onChanges.length > 1 ? "are" : "is"} in its replaceOnChanges option (pulumi pkg/resource/deploy/step_generator.go, applyReplaceOnChanges)`] : []),
      ];
      decisions.push({
        resource, old, kind: "replace", fields: [...new Set([...forced, ...onChanges])].sort(), ignored, unknown: fedByUnknown,
        reason: `${reasons.join("; ")}${via.length > 0 ? `; ${via.join(", ")} comes from a resource being replaced or updated (unknown in the preview)` : ""}`,
      });
    } else {
      const recomputed = recomputedOutputs(resource.type, fields);
      if (recomputed.length > 0) recomputing.add(resource.urn);
      decisions.push({ resource, old, kind: "update", fields, ignored, reason: `in place: ${fields.join(", ")}${recomputed.length > 0 ? `; ${recomputed.join(", ")} ${recomputed.length > 1 ? "are" : "is"} recomputed` : ""}`, unknown: fedByUnknown });
    }
  }
  return decisions;
}

/** The deployed and new value of each changed input of a decision. */
function fieldChanges(d: Decision, old: PlannedResource): FieldChange[] {
  return d.fields.map((field) => {
    const path = field.split(".");
    const unknown = (d.unknown ?? []).includes(path[0]!);
    return { field, before: valueAt(old.inputs, path), after: unknown ? UNKNOWN_MARK : valueAt(d.resource.inputs, path) };
  });
}

/** Simulates `pulumi up` from the state `base` left to the program registering `plan`. */
export function simulateUpdate(base: TenantPlan, plan: TenantPlan, context: SimulationContext = {}): UpdateSimulation {
  const changedFields = context.changedFields ?? [];
  const before = new Map(base.resources.map((r) => [r.urn, r]));
  const matched = new Set<string>();
  const oldOf = (r: PlannedResource) => {
    const urn = [r.urn, ...(r.options.aliases ?? [])].find((u) => before.has(u) && !matched.has(u));
    if (urn === undefined) return undefined;
    matched.add(urn);
    return before.get(urn);
  };
  const decisions = decide(plan, oldOf, base.secretDigests);
  const byUrnNew = new Map(plan.resources.map((r) => [r.urn, r]));
  const byUrnOld = new Map(base.resources.map((r) => [r.urn, r]));
  const gone = base.resources.filter((r) => r.custom && !isProvider(r) && !matched.has(r.urn));

  const changes = new Map<string, SimulatedChange>();
  const steps: SimulatedStep[] = [];
  const deferredDeletes: PlannedResource[] = [];
  const deletedEarly = new Set<string>();
  const replacedUrns = new Set(decisions.filter((d) => d.kind === "replace").map((d) => d.resource.urn));

  for (const d of decisions) {
    const { resource, old } = d;
    if (d.kind === "same") continue;
    const cause = causeOf(resource, byUrnNew, changedFields);
    let error: string | undefined;
    let refusedAt: SimulatedChange["refusedAt"];
    let mode: SimulatedChange["mode"];
    if (d.kind === "create") steps.push({ op: "create", urn: resource.urn });
    if (d.kind === "update") steps.push({ op: "update", urn: resource.urn });
    if (d.kind === "replace" && old) {
      const dbr = resource.options.deleteBeforeReplace;
      mode = dbr ? "delete-before-replace" : "create-before-delete";
      if (old.options.protect && resource.options.protect) {
        error = `${resource.type} ${resource.name}: unable to replace a resource marked for protection (${d.fields.join(", ")} ${d.fields.length > 1 ? "change" : "changes"})${cause}; the engine stops the update. Lift its protection in a deploy of its own first (for the database: database.replacement).`;
      }
      if (error) refusedAt = "create-replacement";
      const name = fixedName(resource, old);
      if (!error && !dbr && name) {
        error = `${resource.type} ${resource.name}: the replacement is created before the old one is deleted, and both would be named "${name.name}" (${name.property}, fixed by the program); AWS refuses the second (${NAME_TAKEN[resource.type] ?? "the name already exists"})${cause}.${WAY_THROUGH[resource.type] ?? ""}`;
        refusedAt = "create-replacement";
      }
      if (dbr) {
        // Resources replaced because of this one go first, dependents before what they use.
        const dependents = decisions.filter((o) => o.kind === "replace" && o.resource.urn !== resource.urn && dependsOn(plan, o.resource.urn, resource.urn, replacedUrns));
        for (const dep of [...dependents].reverse()) {
          if (deletedEarly.has(dep.resource.urn)) continue;
          deletedEarly.add(dep.resource.urn);
          steps.push({ op: "delete-replaced", urn: dep.resource.urn });
        }
        if (!deletedEarly.has(resource.urn)) steps.push({ op: "delete-replaced", urn: resource.urn });
        deletedEarly.add(resource.urn);
        steps.push({ op: "create-replacement", urn: resource.urn });
      } else if (deletedEarly.has(resource.urn)) {
        steps.push({ op: "create-replacement", urn: resource.urn });
      } else {
        steps.push({ op: "create-replacement", urn: resource.urn });
        deferredDeletes.push(old);
      }
    }
    changes.set(resource.urn, {
      urn: resource.urn, type: resource.type, name: resource.name, step: d.kind, ...(mode ? { mode } : {}),
      fields: d.fields, ignored: d.ignored, ...(old ? { values: fieldChanges(d, old) } : {}), stateful: isStateful(resource.type), reason: d.reason, ...(error ? { error, refusedAt } : {}),
    });
  }

  // Deletes after every create and update, in reverse registration (dependency) order.
  const deletes = [...gone].reverse();
  for (const old of deletes) {
    const cause = causeOf(old, byUrnOld, changedFields);
    steps.push({ op: "delete", urn: old.urn });
    changes.set(old.urn, {
      urn: old.urn, type: old.type, name: old.name, step: "delete", fields: [], ignored: [], stateful: isStateful(old.type),
      reason: "no longer in the program",
      ...(old.options.protect ? { error: `${old.type} ${old.name}: unable to delete a resource marked for protection${cause}; the engine refuses it. Lift its protection in a deploy of its own first.`, refusedAt: "delete" as const } : {}),
    });
  }
  for (const old of [...deferredDeletes].reverse()) steps.push({ op: "delete-replaced", urn: old.urn });

  for (const refusal of awsRefusals({ base, plan, changes, changedFields, steps })) {
    const known = changes.get(refusal.urn);
    if (known && !known.error) changes.set(refusal.urn, { ...known, error: refusal.message, refusedAt: refusal.at });
  }
  const order = new Map<string, number>();
  steps.forEach((s, i) => { if (!order.has(s.urn)) order.set(s.urn, i); });
  const list = [...changes.values()].sort((a, b) => (order.get(a.urn) ?? Infinity) - (order.get(b.urn) ?? Infinity) || a.urn.localeCompare(b.urn));
  return {
    changes: list,
    hidden: decisions.filter((d) => d.kind === "same" && d.ignored.length > 0).map((d) => ({ urn: d.resource.urn, type: d.resource.type, ignored: d.ignored })),
    steps,
    same: decisions.filter((d) => d.kind === "same").length,
    errors: list.flatMap((c) => (c.error ? [c.error] : [])),
  };
}

/** True when `urn`'s inputs come, directly or through other replaced resources, from `target`. */
function dependsOn(plan: TenantPlan, urn: string, target: string, replaced: ReadonlySet<string>, seen = new Set<string>()): boolean {
  if (seen.has(urn)) return false;
  seen.add(urn);
  const sources = Object.values(plan.propertyDependencies[urn] ?? {}).flat();
  return sources.some((s) => s === target || (replaced.has(s) && dependsOn(plan, s, target, replaced, seen)));
}
