/**
 * The shape every rule of the pack has: a CrossGuard resource validation policy whose check reads
 * only the resource's type, inputs and options, so the same object runs in `pulumi preview
 * --policy-pack policies` and offline over the plan.
 */
import type { EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

/** What a rule's check receives: the parts of CrossGuard's arguments the rules use. */
export type RuleArgs = Pick<ResourceValidationArgs, "type" | "props" | "urn" | "name" | "opts">;

export interface Rule extends ResourceValidationPolicy {
  /** The control the rule implements (AWS FSBP / CIS id, or the platform's data-safety rule). */
  readonly control: string;
  readonly enforcementLevel: EnforcementLevel;
}

/** A rule over resources of the given types; `check` returns the violation messages. */
export function rule(spec: {
  name: string;
  control: string;
  description: string;
  enforcementLevel?: EnforcementLevel;
  types: readonly string[];
  check(args: RuleArgs): string[];
}): Rule {
  return {
    name: spec.name,
    control: spec.control,
    description: `${spec.description} (${spec.control})`,
    enforcementLevel: spec.enforcementLevel ?? "mandatory",
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      if (!spec.types.includes(args.type)) return;
      for (const message of spec.check(args)) report(message);
    },
  };
}
