/**
 * The shapes the pack's rules take. Every rule is a CrossGuard policy (so `pulumi preview
 * --policy-pack policies` runs it) whose check reads only plain data, so the offline runner and
 * the tests run the same object without the Pulumi CLI:
 *
 * - a resource rule looks at one resource's type, inputs and options;
 * - a stack rule looks at the whole stack, following references between resources (a bucket and
 *   its policy, a VPC and its flow log) and, where a rule compares with the tenant file, at what
 *   the tenant declared.
 */
import type {
  EnforcementLevel, PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy,
  StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import type { TenantDeclarations } from "./declarations";
import { fromPolicyResources, type StackResource } from "./stack-view";

/** What a resource rule's check receives: the parts of CrossGuard's arguments the rules use. */
export type RuleArgs = Pick<ResourceValidationArgs, "type" | "props" | "urn" | "name" | "opts">;

/** A finding of a stack rule: the message and the resource it is about. */
export interface StackFinding {
  /** URN of the offending resource. */
  readonly urn: string;
  readonly message: string;
}

/** What a stack rule's check receives. */
export interface StackContext {
  /** Every resource of the stack, with the references between them resolved. */
  readonly resources: readonly StackResource[];
  /** What the tenant file declares; undefined when the tenant file is not known (rules comparing with it then pass). */
  readonly declared: TenantDeclarations | undefined;
  /** The rule's configuration properties (its `configSchema`), defaults applied. */
  readonly config: Record<string, unknown>;
  /**
   * The invoke tokens the program called, with the URN of the provider each went through: known
   * offline only (the offline plan records them; CrossGuard hands a stack policy its resources,
   * not the invokes). @default [] (none known)
   */
  readonly invokes?: readonly { readonly token: string; readonly provider: string | null }[];
}

/** What every rule of the pack carries besides CrossGuard's fields. */
interface RuleMetadata {
  /** The control the rule implements (AWS FSBP / CIS id, or the platform's own). */
  readonly control: string;
}

/** A rule over single resources. */
export interface ResourceRule extends ResourceValidationPolicy, RuleMetadata {
  readonly kind: "resource";
  /** The level the pack ships with; configuration may override it. */
  enforcementLevel: EnforcementLevel;
  /** The check itself: violation messages for one resource (empty when it complies). */
  readonly check: (args: RuleArgs) => string[];
}

/** A rule over the whole stack. */
export interface StackRule extends StackValidationPolicy, RuleMetadata {
  readonly kind: "stack";
  /** The level the pack ships with; configuration may override it. */
  enforcementLevel: EnforcementLevel;
  /** The check itself: findings over the stack (empty when it complies). */
  readonly check: (context: StackContext) => StackFinding[];
}

export type Rule = ResourceRule | StackRule;

/** Where a stack rule learns what the tenant file declares, given the stack's resources (set by the pack's entry point). */
export type DeclarationSource = (resources: readonly StackResource[]) => TenantDeclarations | undefined;

let declarationSource: DeclarationSource = () => undefined;

/** Sets where stack rules running under CrossGuard find the tenant's declarations. @default none (rules comparing with the tenant file pass) */
export function useDeclarationSource(source: DeclarationSource): void {
  declarationSource = source;
}

function describe(description: string, control: string): string {
  return `${description} (${control})`;
}

/** Defaults of a config schema's properties, overlaid with the configured values. */
export function withConfigDefaults(schema: PolicyConfigSchema | undefined, configured: Record<string, unknown>): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    const value = (property as { default?: unknown }).default;
    if (value !== undefined) defaults[key] = value;
  }
  return { ...defaults, ...configured };
}

/** A rule over resources of the given types; `check` returns the violation messages. */
export function resourceRule(spec: {
  /** Unique name, as CrossGuard shows it and configuration refers to it. */
  name: string;
  /** The control implemented (FSBP / CIS id or the platform's data-safety rule). */
  control: string;
  /** One sentence: what compliant resources look like. */
  description: string;
  /** @default "mandatory" */
  enforcementLevel?: EnforcementLevel;
  /** Pulumi type tokens the rule looks at; others pass. */
  types: readonly string[];
  check: (args: RuleArgs) => string[];
}): ResourceRule {
  const check = (args: RuleArgs) => (spec.types.includes(args.type) ? spec.check(args) : []);
  return {
    kind: "resource",
    name: spec.name,
    control: spec.control,
    description: describe(spec.description, spec.control),
    enforcementLevel: spec.enforcementLevel ?? "mandatory",
    check,
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      for (const message of check(args)) report(message);
    },
  };
}

/** A rule over the whole stack; `check` returns findings naming the offending resources. */
export function stackRule(spec: {
  /** Unique name, as CrossGuard shows it and configuration refers to it. */
  name: string;
  /** The control implemented (FSBP / CIS id or the platform's own). */
  control: string;
  /** One sentence: what a compliant stack looks like. */
  description: string;
  /** @default "mandatory" */
  enforcementLevel?: EnforcementLevel;
  /** Configuration properties the rule reads (JSON Schema, with defaults). @default none */
  configSchema?: PolicyConfigSchema;
  check: (context: StackContext) => StackFinding[];
}): StackRule {
  return {
    kind: "stack",
    name: spec.name,
    control: spec.control,
    description: describe(spec.description, spec.control),
    enforcementLevel: spec.enforcementLevel ?? "mandatory",
    configSchema: spec.configSchema,
    check: spec.check,
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const resources = fromPolicyResources(args.resources);
      const config = withConfigDefaults(spec.configSchema, args.getConfig<Record<string, unknown>>());
      for (const finding of spec.check({ resources, declared: declarationSource(resources), config })) report(finding.message, finding.urn);
    },
  };
}
