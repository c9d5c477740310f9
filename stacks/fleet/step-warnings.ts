/**
 * Disruption warnings (`../plan/disruption-warnings.ts`) from the engine's step events, for the
 * cloud preview's report. Each step's metadata carries its type, changed keys (`detailedDiff` or
 * `diffs`) and its old and new inputs (`StepEventMetadata.old.inputs`, `.new.inputs`:
 * pulumi/pulumi sdk/nodejs/automation/events.ts, `StepEventStateMetadata.inputs`; secrets arrive
 * masked unless `showSecrets`). The rules run over two plans rebuilt from those inputs. What the
 * events cannot give is left out, never invented: the events carry no property dependencies, so a
 * group is linked to its launch template only through its own changed `launchTemplate` input, and
 * a rule whose settings are missing from the inputs stays silent.
 */
import type { StepEventMetadata, StepEventStateMetadata } from "@pulumi/pulumi/automation";
import { disruptionWarnings } from "../plan/disruption-warnings";
import type { PlannedResource, TenantPlan } from "../plan/plan-types";
import type { SimulatedChange, StepKind } from "../plan/update-simulation";
import { isStateful } from "./stateful-types";

/** One resource's strongest step, as the collector keeps it. */
export interface CollectedStep {
  readonly kind: StepKind;
  readonly keys: readonly string[];
  readonly metadata: StepEventMetadata;
}

/** The logical name in a URN (its last part). */
const nameOfUrn = (urn: string): string => urn.split("::").pop() ?? urn;

function resourceOf(metadata: StepEventMetadata, state: StepEventStateMetadata): PlannedResource {
  return {
    urn: metadata.urn, type: metadata.type, name: nameOfUrn(metadata.urn), parent: state.parent || null, custom: state.custom ?? true, provider: state.provider || null,
    inputs: { ...(state.inputs ?? {}) },
    options: { protect: Boolean(state.protect), retainOnDelete: Boolean(state.retainOnDelete), deleteBeforeReplace: false, ignoreChanges: [], dependsOn: [] },
  };
}

function planOf(resources: readonly PlannedResource[]): TenantPlan {
  return { tenant: "", stack: "", resources: [...resources], outputs: {}, invokes: [], ids: {}, propertyDependencies: {} };
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
  return disruptionWarnings({ base: planOf(base), plan: planOf(plan), changes }).map((w) => w.message);
}
