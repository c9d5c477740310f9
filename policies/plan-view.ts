/**
 * The stack view of an offline plan. The plan records each resource's inputs; the references the
 * engine would report as property dependencies are recovered by matching input values against
 * the ids and ARNs the offline mocks give the other resources (the same deterministic values the
 * plan itself was built with).
 */
import { mockResourceState } from "../tools/plan/mock-fixtures";
import type { TenantPlan } from "./plan-types";
import type { StackResource } from "./stack-view";

/** Properties that never hold references (tags may repeat names). */
const NOT_REFERENCES = new Set(["tags", "tagsAll"]);

/**
 * Every string in a value, including those inside JSON documents held as strings (policies,
 * restore metadata) and the bucket ARN of an S3 object ARN (`arn:aws:s3:::bucket/key`): the
 * engine records the resources such documents are built from as dependencies of the property.
 */
function stringLeaves(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string") {
    into.push(value);
    const objectArn = /^(arn:[^:]+:s3:::[^/]+)\//.exec(value);
    if (objectArn) into.push(objectArn[1]!);
    if (/^\s*[[{]/.test(value)) {
      try {
        stringLeaves(JSON.parse(value) as unknown, into);
      } catch {
        // not JSON: the string itself is the leaf
      }
    }
  } else if (Array.isArray(value)) for (const item of value) stringLeaves(item, into);
  else if (value && typeof value === "object") for (const item of Object.values(value)) stringLeaves(item, into);
  return into;
}

/**
 * State properties, besides the id and ARN, by which other resources name a resource of a type:
 * AWS APIs name a DB instance by its identifier (a replica's `replicate_source_db`, a metric's
 * `DBInstanceIdentifier` dimension, a restore's source), while the provider's id is its resource
 * id (`db-…`, hashicorp/terraform-provider-aws internal/service/rds/instance.go, "NOTE ON ID").
 */
const NAMED_BY: Readonly<Record<string, string>> = {
  "aws:rds/instance:Instance": "identifier",
};

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
  const providerRegions = new Map<string, string>();
  for (const resource of plan.resources) {
    if (resource.type.startsWith("pulumi:providers:") && typeof resource.inputs["region"] === "string") {
      providerRegions.set(resource.urn, resource.inputs["region"]);
    }
  }
  const views: (StackResource & { references: Record<string, StackResource[]> })[] = [];
  const byIdentifier = new Map<string, (typeof views)[number][]>();
  for (const resource of plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))) {
    const ownRegion = typeof resource.inputs["region"] === "string" ? resource.inputs["region"] : undefined;
    const region = ownRegion ?? (resource.provider ? providerRegions.get(resource.provider) : undefined);
    const mocked = mockResourceState(resource.type, resource.name, resource.inputs, region ?? "us-east-1");
    const view = { type: resource.type, urn: resource.urn, name: resource.name, props: resource.inputs, protect: resource.options.protect, region, references: {} };
    views.push(view);
    const nameKey = NAMED_BY[resource.type];
    const identifiers = [plan.ids[resource.urn] ?? mocked.id, mocked.state["arn"], nameKey && mocked.state[nameKey]].filter((v): v is string => typeof v === "string" && v !== "");
    for (const identifier of new Set(identifiers)) byIdentifier.set(identifier, [...(byIdentifier.get(identifier) ?? []), view]);
  }
  for (const view of views) {
    for (const [property, value] of Object.entries(view.props)) {
      if (NOT_REFERENCES.has(property)) continue;
      const targets = new Set(stringLeaves(value).flatMap((leaf) => byIdentifier.get(leaf) ?? []));
      targets.delete(view);
      if (targets.size > 0) view.references[property] = [...targets];
    }
  }
  return views;
}
