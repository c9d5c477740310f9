/** Runs the rules over an offline plan: each resource's inputs and options, as CrossGuard would see them. */
import type { PlannedResource, TenantPlan } from "../stacks/plan/plan-types";
import type { Rule, RuleArgs } from "./rule";

export interface Violation {
  readonly rule: string;
  readonly control: string;
  readonly enforcementLevel: string;
  readonly urn: string;
  readonly message: string;
}

function argsOf(resource: PlannedResource): RuleArgs {
  return {
    type: resource.type,
    props: resource.inputs,
    urn: resource.urn,
    name: resource.name,
    opts: {
      protect: resource.options.protect,
      ignoreChanges: resource.options.ignoreChanges,
      deleteBeforeReplace: resource.options.deleteBeforeReplace,
      aliases: [],
      additionalSecretOutputs: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    },
  };
}

export function runRules(plan: TenantPlan, rules: readonly Rule[]): Violation[] {
  const violations: Violation[] = [];
  for (const resource of plan.resources) {
    const args = argsOf(resource);
    for (const policy of rules) {
      const validations = [policy.validateResource ?? []].flat();
      for (const validate of validations) {
        void validate(args as Parameters<typeof validate>[0], (message) => {
          violations.push({ rule: policy.name, control: policy.control, enforcementLevel: policy.enforcementLevel, urn: resource.urn, message });
        });
      }
    }
  }
  return violations;
}
