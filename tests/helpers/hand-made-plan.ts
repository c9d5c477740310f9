/** Small hand-made plans for the engine simulations' unit tests (update and destroy). */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";

/** The URN of a resource `name` of `type` in stack `t` of project `p`. */
export const URN = (type: string, name: string) => `urn:pulumi:t::p::${type}::${name}`;

/** A custom resource without parent or provider; options default to the engine's (nothing protected, nothing ignored). */
export function resource(type: string, name: string, inputs: Record<string, unknown>, options: Partial<PlannedResource["options"]> = {}): PlannedResource {
  return {
    urn: URN(type, name), type, name, parent: null, custom: true, provider: null, inputs,
    options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], dependsOn: [], ...options },
  };
}

/** A plan of tenant `t` holding `resources`, with the inputs' dependencies on other resources. @default no dependencies */
export function plan(resources: PlannedResource[], propertyDependencies: TenantPlan["propertyDependencies"] = {}): TenantPlan {
  return { tenant: "t", stack: "t", resources, outputs: {}, invokes: [], ids: {}, propertyDependencies };
}
