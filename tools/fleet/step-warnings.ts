/**
 * Disruption warnings (`../plan/disruption-warnings.ts`) from the engine's step events, for the
 * cloud preview's report. Each step's metadata carries its type, changed keys (`detailedDiff` or
 * `diffs`) and its old and new inputs (`StepEventMetadata.old.inputs`, `.new.inputs`:
 * pulumi/pulumi sdk/nodejs/automation/events.ts, `StepEventStateMetadata.inputs`; secrets arrive
 * masked unless `showSecrets`). The rules run over two plans rebuilt from those inputs. What the
 * events cannot give is left out, never invented: a rule whose settings are missing from the inputs
 * stays silent, and a group whose launch template cannot be matched by id is warned of only
 * through its own changed `launchTemplate` input.
 */
import type { StepEventMetadata, StepEventStateMetadata } from "@pulumi/pulumi/automation";
import { disruptionWarnings } from "../plan/disruption-warnings";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import type { SimulatedChange, StepKind } from "../plan/update-simulation";
import { nameOfUrn } from "./urn-name";
import { isStateful } from "../plan/stateful-types";

/** One resource's strongest step, as the collector keeps it. */
export interface CollectedStep {
  readonly kind: StepKind;
  readonly keys: readonly string[];
  readonly metadata: StepEventMetadata;
}

function resourceOf(metadata: StepEventMetadata, state: StepEventStateMetadata): PlannedResource {
  return {
    urn: metadata.urn, type: metadata.type, name: nameOfUrn(metadata.urn), parent: state.parent || null, custom: state.custom ?? true, provider: state.provider || null,
    inputs: { ...(state.inputs ?? {}) },
    options: { protect: Boolean(state.protect), retainOnDelete: Boolean(state.retainOnDelete), deleteBeforeReplace: false, ignoreChanges: [], dependsOn: [] },
  };
}

function planOf(resources: readonly PlannedResource[], propertyDependencies: TenantPlan["propertyDependencies"] = {}): TenantPlan {
  return { tenant: "", stack: "", resources: [...resources], outputs: {}, invokes: [], ids: {}, propertyDependencies };
}

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";

/**
 * The events carry no property dependencies; a group's launch template is the stepped template
 * whose deployed id (`StepEventStateMetadata.id`) the group's `launchTemplate.id` input names.
 */
function launchTemplateLinks(steps: readonly CollectedStep[]): TenantPlan["propertyDependencies"] {
  const templateByID = new Map(steps.filter((s) => s.metadata.type === LAUNCH_TEMPLATE && s.metadata.old?.id).map((s) => [s.metadata.old!.id, s.metadata.urn]));
  const links: Record<string, Record<string, string[]>> = {};
  for (const group of steps.filter((s) => s.metadata.type === GROUP)) {
    const ids = [group.metadata.old, group.metadata.new].map((state) => (state?.inputs?.["launchTemplate"] as { id?: unknown } | undefined)?.id);
    const urns = [...new Set(ids.flatMap((id) => (typeof id === "string" && templateByID.has(id) ? [templateByID.get(id)!] : [])))];
    if (urns.length > 0) links[group.metadata.urn] = { launchTemplate: urns };
  }
  return links;
}

/** The disruption warnings of one stack's steps (updates, replacements and deletions). */
export function stepWarnings(steps: readonly CollectedStep[]): string[] {
  const base = steps.flatMap((s) => (s.metadata.old ? [resourceOf(s.metadata, s.metadata.old)] : []));
  const plan = steps.flatMap((s) => (s.kind !== "delete" && s.metadata.new ? [resourceOf(s.metadata, s.metadata.new)] : []));
  const changes = steps.map((s): SimulatedChange => {
    const before = s.metadata.old?.inputs ?? {};
    const after = s.metadata.new?.inputs ?? {};
    const known = s.kind === "update" && s.metadata.old && s.metadata.new;
    return {
      urn: s.metadata.urn, type: s.metadata.type, name: nameOfUrn(s.metadata.urn), step: s.kind, fields: s.keys, ignored: [], stateful: isStateful(s.metadata.type), reason: "engine step",
      ...(known ? { values: s.keys.map((field) => ({ field, before: before[field], after: after[field] })) } : {}),
    };
  });
  return disruptionWarnings({ base: planOf(base), plan: planOf(plan, launchTemplateLinks(steps)), changes }).map((w) => w.message);
}
