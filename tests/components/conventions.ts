/**
 * The conventions every component of the platform keeps, checked on a component's own plan: its
 * type token `<pkg>:<module>:<Name>`, every resource it creates below it (none left at the
 * stack's root), each child of a provider package and each invoke on the explicit provider it
 * was given (never a default provider), child names prefixed with the component's name, and the
 * outputs it registered (`registerOutputs` is called
 * synchronously at the end of the constructor, else the Node SDK registers `{}` once `initialize`
 * resolves and ignores the later call: @pulumi/pulumi resource.js `ComponentResource`
 * `initializeAndRegisterOutputs` / `registerOutputs`).
 */
import { packageOf, type ComponentPlan, type ProviderPackage } from "../helpers/component-plan";

/** What a component's plan is checked against. */
export interface ExpectedComponent {
  /** Its type token, e.g. `tenant-platform:database:Database`. */
  readonly type: string;
  /** The name it was created with. */
  readonly name: string;
  /** The keys of the outputs it registers, in any order. */
  readonly outputs: readonly string[];
}

/** A type token `<package>:<module>:<Name>` (Pulumi's component type format). */
const TYPE_TOKEN = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:[A-Z][A-Za-z0-9]*$/;

/** Every way the component's plan breaks a convention, one line each; empty when it keeps them all. */
export function conventionViolations(plan: ComponentPlan, expected: ExpectedComponent): string[] {
  const violations: string[] = [];
  const { component } = plan;
  if (component.type !== expected.type) violations.push(`type token ${component.type}, expected ${expected.type}`);
  if (!TYPE_TOKEN.test(component.type)) violations.push(`type token ${component.type} is not <package>:<module>:<Name>`);
  if (component.name !== expected.name) violations.push(`name ${component.name}, expected ${expected.name}`);
  for (const stray of plan.strays) violations.push(`${stray.type} ${stray.name} is not below the component (parent ${stray.parent})`);
  const providerOf = (pkg: string): string | undefined => plan.providers[pkg as ProviderPackage];
  for (const child of plan.descendants) {
    if (child.name !== expected.name && !child.name.startsWith(`${expected.name}-`)) {
      violations.push(`${child.type} ${child.name} is not named after the component (${expected.name}-…)`);
    }
    if (child.type.startsWith("pulumi:providers:")) {
      violations.push(`${child.type} ${child.name} is a provider of the component's own (providers arrive through options)`);
    } else if (child.custom && child.provider !== providerOf(packageOf(child.type))) {
      violations.push(`${child.type} ${child.name} uses provider ${child.provider}, not the one given (${providerOf(packageOf(child.type))})`);
    }
  }
  for (const invoke of plan.invokes) {
    if (invoke.provider !== providerOf(packageOf(invoke.token))) {
      violations.push(`invoke ${invoke.token} uses provider ${invoke.provider}, not the one given`);
    }
  }
  const registered = Object.keys(plan.componentOutputs).sort();
  const promised = [...expected.outputs].sort();
  if (registered.join() !== promised.join()) violations.push(`registered outputs [${registered.join(", ")}], expected [${promised.join(", ")}]`);
  return violations;
}

/** The descendants of the component of one type, by logical name. */
export function childrenOfType(plan: ComponentPlan, type: string): Map<string, ComponentPlan["descendants"][number]> {
  return new Map(plan.descendants.filter((r) => r.type === type).map((r) => [r.name, r]));
}

/** The descendant of a type with a logical name; throws naming what there is when none. */
export function child(plan: ComponentPlan, type: string, name: string): ComponentPlan["descendants"][number] {
  const found = plan.descendants.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name} below ${plan.component.name}; there are: ${plan.descendants.filter((r) => r.type === type).map((r) => r.name).join(", ") || "none"}`);
  return found;
}

/** The id the mocks gave a descendant (what another resource's input referring to it holds). */
export function idOf(plan: ComponentPlan, resource: { readonly urn: string }): string {
  return plan.ids[resource.urn]!;
}
