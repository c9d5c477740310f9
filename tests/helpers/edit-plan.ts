/**
 * A planned tenant with some resources' inputs changed, removed or copied, for tests that show
 * what a rule or a simulation makes of a plan the program would not produce. The plan is kept as
 * the engine would have recorded the edited program: a property the edit no longer sets has no
 * property dependencies (the engine records dependencies only for the properties a registration
 * sets: pulumi/pulumi sdk/nodejs/runtime/resource.ts `prepareResource`, which gathers
 * `propertyToDirectDependencyURNs` from the serialized inputs) and no secret digests; a removed
 * resource has neither. Not modelled: a property whose value the edit replaces keeps all of its
 * original dependencies (the new value may depend on fewer resources), other resources still list
 * a removed one among their dependencies, and a copy (`copyAs`) gets no physical id.
 */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";

/** The resources an edit applies to: a URN, a type and logical name, or a test on each resource. */
export type PlanTarget = string | { readonly type: string; readonly name: string } | ((resource: PlannedResource) => boolean);

/** The new inputs of a resource, given a copy of its inputs; `undefined` removes the resource. */
export type InputsEdit = (inputs: Record<string, unknown>, resource: PlannedResource) => Record<string, unknown> | undefined;

export interface EditOptions {
  /**
   * Keep the original and add the edited resource next to it under this logical name (same type
   * and parent), built from the same resources as the original: it depends on what the original
   * depends on, for the properties it still sets. Only for a target matching one resource.
   * @default the edit replaces the original
   */
  readonly copyAs?: string;
}

function matcher(target: PlanTarget): (resource: PlannedResource) => boolean {
  if (typeof target === "string") return (r) => r.urn === target;
  if (typeof target === "function") return target;
  return (r) => r.type === target.type && r.name === target.name;
}

function describeTarget(target: PlanTarget): string {
  if (typeof target === "string") return target;
  if (typeof target === "function") return "the given test";
  return `${target.type} ${target.name}`;
}

/** The properties set (not undefined) in `inputs`. */
const setIn = (inputs: Record<string, unknown>) => new Set(Object.keys(inputs).filter((key) => inputs[key] !== undefined));

/** The top-level property a secret digest's dotted path belongs to (`password`, `rules[0].x` → `rules`). */
const propertyOf = (path: string) => /^[^.[]*/.exec(path)![0];

/** `entries` without those whose property is not in `kept`. */
function keepProperties<T>(entries: Readonly<Record<string, T>> | undefined, kept: ReadonlySet<string>, property: (key: string) => string): Record<string, T> {
  return Object.fromEntries(Object.entries(entries ?? {}).filter(([key]) => kept.has(property(key))));
}

/**
 * A deep copy of `plan` with `edit` applied to the inputs of every resource `target` matches
 * (at least one, else it throws naming the target). Property dependencies and secret digests of
 * properties the edit removes are dropped; a removed resource loses its own.
 */
export function editPlan(plan: TenantPlan, target: PlanTarget, edit: InputsEdit, options: EditOptions = {}): TenantPlan {
  const copy = structuredClone(plan) as TenantPlan & {
    propertyDependencies: Record<string, Record<string, readonly string[]>>;
    secretDigests?: Record<string, Record<string, string>>;
  };
  const targets = copy.resources.filter(matcher(target));
  if (targets.length === 0) throw new Error(`no resource in the plan matches ${describeTarget(target)}`);
  if (options.copyAs !== undefined && targets.length > 1) throw new Error(`copyAs needs one resource; the target matches ${targets.map((r) => r.name).join(", ")}`);

  const resources: PlannedResource[] = [];
  for (const resource of copy.resources) {
    if (!targets.includes(resource)) {
      resources.push(resource);
      continue;
    }
    const inputs = edit(structuredClone(resource.inputs), resource);
    const urn = options.copyAs === undefined ? resource.urn : resource.urn.replace(/::[^:]+$/, `::${options.copyAs}`);
    if (options.copyAs !== undefined) resources.push(resource);
    if (inputs === undefined) {
      delete copy.propertyDependencies[urn];
      if (copy.secretDigests) delete copy.secretDigests[urn];
      continue;
    }
    const kept = setIn(inputs);
    const dependencies = keepProperties(plan.propertyDependencies[resource.urn], kept, (property) => property);
    const digests = keepProperties(plan.secretDigests?.[resource.urn], kept, propertyOf);
    copy.propertyDependencies[urn] = dependencies;
    if (copy.secretDigests) {
      if (Object.keys(digests).length > 0) copy.secretDigests[urn] = digests;
      else delete copy.secretDigests[urn];
    }
    resources.push({ ...resource, urn, name: options.copyAs ?? resource.name, inputs });
  }
  return { ...copy, resources };
}
