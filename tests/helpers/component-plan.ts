/**
 * One component planned on its own: a function creating it runs under the offline plan's mocks
 * and recording monitor (`recordProgram`, tools/plan/run-plan.ts), so the same engine checks apply
 * (a duplicate URN, a physical name its type refuses, each fails the plan) and the registrations
 * read as in a tenant's plan. The component gets explicit providers through its options, as a
 * program using it would give them.
 */
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { recordedPlan, recordProgram } from "../../tools/plan/run-plan";

/** The stack a component is planned in. */
export const COMPONENT_STACK = "components";

/** The AWS region of the explicit AWS provider. */
export const COMPONENT_REGION = "eu-central-1";

/** The package of each explicit provider, as the first part of its resources' type tokens. */
const PACKAGES = ["aws", "cloudflare", "random", "tls"] as const;
export type ProviderPackage = (typeof PACKAGES)[number];

/** What the function creating the component receives. */
export interface ComponentContext {
  /** Options carrying the explicit providers (one per package), for the component's `opts`. */
  readonly opts: pulumi.ComponentResourceOptions;
  /** The explicit AWS provider (region {@link COMPONENT_REGION}), e.g. for an invoke before the component. */
  readonly aws: aws.Provider;
}

/** A component's offline plan. */
export interface ComponentPlan extends TenantPlan {
  /** The component's own registration. */
  readonly component: PlannedResource;
  /** Every resource below the component (children, their children, …), in registration order. */
  readonly descendants: PlannedResource[];
  /** The resources that are neither the stack, the explicit providers nor the component or below it. */
  readonly strays: PlannedResource[];
  /** The outputs the component registered (`registerOutputs`), secrets masked. */
  readonly componentOutputs: Record<string, unknown>;
  /** The URNs of the explicit providers, by package. */
  readonly providers: Readonly<Record<ProviderPackage, string>>;
}

/** The explicit providers' logical names: `component-<package>`. */
function providerName(pkg: ProviderPackage): string {
  return `component-${pkg}`;
}

/** The package a resource type belongs to (`aws:ec2/vpc:Vpc` → `aws`). */
export function packageOf(type: string): string {
  return type.split(":")[0]!;
}

/**
 * Plans the component `create` returns, created with the options it is given (explicit aws,
 * cloudflare, random and tls providers). Rejects as the offline plan does: with the component's
 * own error, or a `PlanRefusedError` for what the engine or a provider would refuse.
 */
export async function planComponent(create: (context: ComponentContext) => pulumi.ComponentResource): Promise<ComponentPlan> {
  let created: pulumi.ComponentResource | undefined;
  const monitor = await recordProgram(COMPONENT_STACK, () => {
    const providers = {
      aws: new aws.Provider(providerName("aws"), { region: COMPONENT_REGION }),
      cloudflare: new cloudflare.Provider(providerName("cloudflare"), { apiToken: pulumi.secret("component-test-token-not-a-real-secret") }),
      random: new random.Provider(providerName("random")),
      tls: new tls.Provider(providerName("tls")),
    };
    created = create({ opts: { providers: Object.values(providers) }, aws: providers.aws });
    return Promise.resolve({});
  });
  const plan = recordedPlan(COMPONENT_STACK, monitor);
  const urn = await new Promise<string>((resolve) => created!.urn.apply((value) => {
    resolve(value);
    return value;
  }));
  const component = plan.resources.find((r) => r.urn === urn)!;
  const descendants = descendantsOf(plan.resources, urn);
  const providerUrns = Object.fromEntries(PACKAGES.map((pkg) => {
    const provider = plan.resources.find((r) => r.type === `pulumi:providers:${pkg}` && r.name === providerName(pkg));
    return [pkg, provider!.urn];
  })) as Record<ProviderPackage, string>;
  const known = new Set([urn, ...descendants.map((r) => r.urn), ...Object.values(providerUrns)]);
  const strays = plan.resources.filter((r) => r.type !== "pulumi:pulumi:Stack" && !known.has(r.urn));
  return { ...plan, component, descendants, strays, componentOutputs: monitor.componentOutputs[urn] ?? {}, providers: providerUrns };
}

/** Every resource whose chain of parents reaches `urn`, in registration order. */
function descendantsOf(resources: readonly PlannedResource[], urn: string): PlannedResource[] {
  const below = new Set([urn]);
  const found: PlannedResource[] = [];
  for (const resource of resources) {
    // A parent registers before its children: one pass in registration order suffices.
    if (resource.parent && below.has(resource.parent)) {
      below.add(resource.urn);
      found.push(resource);
    }
  }
  return found;
}
