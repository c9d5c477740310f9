/**
 * The stack as stack rules see it: each resource with its properties and the resources each of
 * its properties refers to. Built from CrossGuard's stack arguments (the engine's property
 * dependencies) or from an offline plan (plan-view.ts), so rules never care which.
 */
import type { PolicyResource } from "@pulumi/policy";

/** One resource of the stack. */
export interface StackResource {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  /** Its properties (under CrossGuard, reading a value unknown during preview throws). */
  readonly props: Record<string, unknown>;
  /** Pulumi `protect`. */
  readonly protect: boolean;
  /** The region it lives in: its own `region` property, else its provider's; undefined when neither says. */
  readonly region: string | undefined;
  /** The resources each top-level property depends on (the engine's property dependencies), keyed by property name. */
  readonly references: Readonly<Record<string, readonly StackResource[]>>;
}

/** Reads a property, or undefined when CrossGuard does not know it yet (preview of a new resource). */
export function known(props: Record<string, unknown> | undefined, key: string): unknown {
  try {
    return props?.[key];
  } catch {
    return undefined;
  }
}

export function regionOf(props: Record<string, unknown>, providerProps: Record<string, unknown> | undefined): string | undefined {
  const own = known(props, "region");
  if (typeof own === "string") return own;
  const inherited = known(providerProps, "region");
  return typeof inherited === "string" ? inherited : undefined;
}

/** The stack view of CrossGuard's resources, references taken from the engine's property dependencies. */
export function fromPolicyResources(resources: readonly PolicyResource[]): StackResource[] {
  const views = new Map<PolicyResource, { references: Record<string, StackResource[]> } & StackResource>();
  for (const resource of resources) {
    views.set(resource, {
      type: resource.type,
      urn: resource.urn,
      name: resource.name,
      props: resource.props,
      protect: resource.opts.protect,
      region: regionOf(resource.props, resource.provider?.props),
      references: {},
    });
  }
  for (const [resource, view] of views) {
    for (const [property, dependencies] of Object.entries(resource.propertyDependencies)) {
      view.references[property] = dependencies.flatMap((dependency) => {
        const target = views.get(dependency);
        return target ? [target] : [];
      });
    }
  }
  return [...views.values()];
}

/** Resources of one type. */
export function ofType(resources: readonly StackResource[], type: string): StackResource[] {
  return resources.filter((resource) => resource.type === type);
}

/** Resources of `type` whose `property` (any property when omitted) refers to `target`. */
export function referencing(resources: readonly StackResource[], target: StackResource, type: string, property?: string): StackResource[] {
  return ofType(resources, type).filter((resource) => {
    const lists = property === undefined ? Object.values(resource.references) : [resource.references[property] ?? []];
    return lists.some((list) => list.includes(target));
  });
}

/** Resources `resource`'s `property` refers to, of `type` when given. */
export function referencedBy(resource: StackResource, property: string, type?: string): StackResource[] {
  return (resource.references[property] ?? []).filter((target) => type === undefined || target.type === type);
}
