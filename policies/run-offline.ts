/**
 * Runs the rules over an offline plan, as CrossGuard would over a preview: resource rules over
 * each custom resource's inputs and options, stack rules over the whole plan. Levels and rule
 * properties come from a policy configuration; rules comparing with the tenant file read the
 * tenant's declarations.
 */
import type { TenantPlan } from "./plan-types";
import type { TenantDeclarations } from "./declarations";
import { planStackResources } from "./plan-view";
import { effectiveLevel, NO_CONFIG, type PolicyConfig } from "./policy-config";
import { withConfigDefaults, type Rule, type RuleArgs } from "./rule";

/** One finding of one rule. */
export interface Violation {
  /** The rule's name. */
  readonly rule: string;
  /** The control it implements (FSBP / CIS id or the platform's own). */
  readonly control: string;
  /** The level it ran at (after configuration). */
  readonly enforcementLevel: "advisory" | "mandatory";
  /** URN of the offending resource. */
  readonly urn: string;
  readonly message: string;
}

/** How to run the rules. */
export interface RunOptions {
  /** Levels and rule properties. @default every rule at its shipped level */
  readonly config?: PolicyConfig;
  /** What the tenant file declares. @default unknown (rules comparing with it pass) */
  readonly declared?: TenantDeclarations;
}

function argsOf(resource: TenantPlan["resources"][number]): RuleArgs {
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

/** Every violation of the rules in the plan, in rule order. */
export function runRules(plan: TenantPlan, rules: readonly Rule[], options: RunOptions = {}): Violation[] {
  const config = options.config ?? NO_CONFIG;
  const custom = plan.resources.filter((resource) => resource.custom);
  let stack: ReturnType<typeof planStackResources> | undefined;
  const violations: Violation[] = [];
  for (const rule of rules) {
    const level = effectiveLevel(rule, config);
    if (level === "disabled") continue;
    const found = (urn: string, message: string) => violations.push({ rule: rule.name, control: rule.control, enforcementLevel: level, urn, message });
    if (rule.kind === "resource") {
      for (const resource of custom) for (const message of rule.check(argsOf(resource))) found(resource.urn, message);
    } else {
      stack ??= planStackResources(plan);
      const properties = withConfigDefaults(rule.configSchema, config.rules[rule.name]?.properties ?? {});
      for (const finding of rule.check({ resources: stack, declared: options.declared, config: properties, invokes: plan.invokes })) found(finding.urn, finding.message);
    }
  }
  return violations;
}
