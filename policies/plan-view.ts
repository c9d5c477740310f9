/**
 * The stack view of an offline plan: each resource's inputs, and its references as the engine
 * reports them to a policy pack: the property dependencies the program's registrations carry
 * (`propertyDependencies` of RegisterResourceRequest, recorded by the plan's monitor), the same
 * source CrossGuard's view reads (stack-view.ts `fromPolicyResources`).
 */
import type { TenantPlan } from "./plan-types";
import { regionOf, type StackResource } from "./stack-view";

/** Views already built, by plan: the policy pack and the plan's flow summary share one per plan. */
const viewsByPlan = new WeakMap<TenantPlan, readonly StackResource[]>();

/**
 * The stack view of a plan: every custom resource with its references resolved. Built once per
 * plan object (plans are not changed once made; a changed copy is a new object) and shared, so
 * it is frozen.
 */
export function planStackResources(plan: TenantPlan): readonly StackResource[] {
  let views = viewsByPlan.get(plan);
  if (!views) {
    views = Object.freeze(buildStackResources(plan));
    viewsByPlan.set(plan, views);
  }
  return views;
}

function buildStackResources(plan: TenantPlan): StackResource[] {
  const providerInputs = new Map(plan.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => [r.urn, r.inputs]));
  const views = new Map<string, StackResource & { references: Record<string, StackResource[]> }>();
  for (const resource of plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))) {
    const region = regionOf(resource.inputs, resource.provider ? providerInputs.get(resource.provider) : undefined);
    views.set(resource.urn, { type: resource.type, urn: resource.urn, name: resource.name, props: resource.inputs, protect: resource.options.protect, region, references: {} });
  }
  for (const view of views.values()) {
    for (const [property, dependencies] of Object.entries(plan.propertyDependencies[view.urn] ?? {})) {
      view.references[property] = dependencies.flatMap((urn) => {
        const target = views.get(urn);
        return target ? [target] : [];
      });
    }
  }
  return [...views.values()];
}
