/**
 * What one tenant's operation would change (or changed), in the form the Markdown report and the
 * JSON report use. Built from engine events ({@link ChangeCollector}) or from offline plans
 * (`offline-changes.ts`).
 */
import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { unsafeSteps } from "../../policies/step-safety";
import type { FieldChange } from "../plan/update-simulation";
import { IGNORED_CREDENTIALS_NOTE, isCredentialsOnlyProviderUpdate } from "./provider-credentials";
import { isStateful } from "../plan/stateful-types";
import { nameOfUrn } from "./urn-name";
import { stepWarnings, type CollectedStep } from "./step-warnings";

/** How a resource changes; `same` resources are only counted. */
export type ChangeKind = "create" | "update" | "replace" | "delete" | "read" | "import" | "same";

/** The order reports list kinds in: the dangerous ones first. */
export const CHANGE_KINDS: readonly ChangeKind[] = ["replace", "delete", "create", "update", "import", "read", "same"];

/** One changed resource. */
export interface ResourceChange {
  readonly urn: string;
  readonly type: string;
  /** The resource's logical name (the URN's last part). */
  readonly name: string;
  readonly kind: Exclude<ChangeKind, "same">;
  /** True for types that hold data ({@link isStateful}). */
  readonly stateful: boolean;
  /** True when the resource is protected (Pulumi refuses to delete it). */
  readonly protect: boolean;
  /** Property keys that changed; for a replacement, the keys that force it. */
  readonly keys: readonly string[];
  /**
   * Each of {@link keys} with its deployed and new value (secrets `[secret]`, values known only
   * after the deployment `[unknown]`). Offline plans only: the cloud preview's report never reads
   * property values. @default absent
   */
  readonly values?: readonly FieldChange[];
}

/** A policy pack's finding. */
export interface PolicyFinding {
  readonly policy: string;
  /** `mandatory` blocks the deployment; `advisory` only warns. */
  readonly level: "mandatory" | "advisory";
  readonly message: string;
  /** The resource the finding is about, when it names one. */
  readonly urn?: string;
}

/** Everything a report says about one tenant's changes. */
export interface TenantChanges {
  /** Resources per kind, including unchanged ones (`same`). */
  readonly counts: Readonly<Partial<Record<ChangeKind, number>>>;
  /** Every resource that is not `same`, dangerous kinds first. */
  readonly resources: readonly ResourceChange[];
  readonly policies: readonly PolicyFinding[];
  /** Error messages the engine reported (diagnostics of severity `error`). */
  readonly errors: readonly string[];
  /**
   * Disruptive in-place changes, what happens and when (`disruption-warnings.ts`): from the
   * update simulation of offline plans, or from the engine's steps (`step-warnings.ts`; what the
   * events do not carry is left out). @default none
   */
  readonly warnings?: readonly string[];
}

/** An empty set of changes. */
export const NO_CHANGES: TenantChanges = { counts: {}, resources: [], policies: [], errors: [] };


/** Removes terminal colour codes from engine text. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").replace(/<\{%[^%]*%\}>/g, "");
}

const KIND_OF_OP: Readonly<Partial<Record<OpType, ChangeKind>>> = {
  same: "same",
  refresh: "same", // a refresh step with no drift; drift arrives as update or delete
  create: "create",
  update: "update",
  delete: "delete",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  read: "read",
  "read-replacement": "read",
  import: "import",
  "import-replacement": "import",
};

/** When one resource has several steps (a replacement has three), the strongest kind wins. */
const STRENGTH: Readonly<Record<ChangeKind, number>> = { replace: 6, delete: 5, create: 4, update: 3, import: 2, read: 1, same: 0 };

function byDanger(a: ResourceChange, b: ResourceChange): number {
  return CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) || Number(b.stateful) - Number(a.stateful) || a.urn.localeCompare(b.urn);
}

/** Orders changes as reports list them: replacements, then deletions, stateful first. */
export function sortChanges(changes: readonly ResourceChange[]): ResourceChange[] {
  return [...changes].sort(byDanger);
}

/** Counts resources per kind. */
export function countKinds(kinds: readonly ChangeKind[]): Partial<Record<ChangeKind, number>> {
  const counts: Partial<Record<ChangeKind, number>> = {};
  for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** True when anything other than `same` happens. */
export function hasChanges(changes: TenantChanges): boolean {
  return Object.entries(changes.counts).some(([kind, count]) => kind !== "same" && (count ?? 0) > 0);
}

/**
 * True when a drift check found drift: any step other than `same` and `read`, as the engine's
 * `HasChanges` (pulumi/pulumi pkg/engine/update.go) counts for `--expect-no-changes`.
 */
export function hasDrift(changes: TenantChanges): boolean {
  return Object.entries(changes.counts).some(([kind, count]) => kind !== "same" && kind !== "read" && (count ?? 0) > 0);
}

/** The name step-safety findings carry in reports. */
export const STEP_SAFETY_POLICY = "preview-steps-keep-stateful-data";

interface Step {
  kind: ChangeKind;
  metadata: StepEventMetadata;
}

/**
 * Collects one operation's engine events into {@link TenantChanges}: resource steps (one entry
 * per URN, a replacement's three steps counted once), policy findings and error diagnostics.
 * Property values reach the report only through the disruption warnings (`step-warnings.ts`),
 * from the step's inputs, in which the engine masks secrets unless `showSecrets` is set.
 */
export class ChangeCollector {
  private readonly steps = new Map<string, Step>();
  private readonly policies: PolicyFinding[] = [];
  private readonly errors: string[] = [];
  /** Providers whose only change is the job's credentials ({@link isCredentialsOnlyProviderUpdate}). */
  private readonly credentialsOnly = new Set<string>();

  /**
   * @param ignoreJobCredentials Count an AWS provider update that changes only `assumeRoles` as
   *   `same` (previews and drift checks, whose jobs assume a reader role; an `up` writes such a
   *   change to the state, so it is not ignored there). @default false
   */
  constructor(private readonly ignoreJobCredentials = false) {}

  /** Takes one engine event; events of other kinds are ignored. */
  add(event: EngineEvent): void {
    const step = event.resourcePreEvent?.metadata ?? event.resOutputsEvent?.metadata;
    if (step) this.addStep(step);
    const policy = event.policyEvent;
    if (policy) {
      this.policies.push({
        policy: policy.policyName,
        level: policy.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
        message: stripAnsi(policy.message).trim(),
        ...(policy.resourceUrn ? { urn: policy.resourceUrn } : {}),
      });
    }
    const diagnostic = event.diagnosticEvent;
    if (diagnostic?.severity === "error" && !diagnostic.ephemeral) {
      const message = stripAnsi(diagnostic.message).trim();
      if (message && !this.errors.includes(message)) this.errors.push(message);
    }
  }

  private addStep(metadata: StepEventMetadata): void {
    const credentialsOnly = this.ignoreJobCredentials && isCredentialsOnlyProviderUpdate(metadata);
    if (credentialsOnly) this.credentialsOnly.add(metadata.urn);
    const kind = credentialsOnly ? "same" : KIND_OF_OP[metadata.op];
    if (!kind) return; // discard steps and the like change nothing that lasts
    const known = this.steps.get(metadata.urn);
    if (!known || STRENGTH[kind] > STRENGTH[known.kind]) this.steps.set(metadata.urn, { kind, metadata });
  }

  /** One line per provider step ignored because only the job's credentials differ. */
  notes(): string[] {
    return [...this.credentialsOnly].sort().map((urn) => `${nameOfUrn(urn)}: ${IGNORED_CREDENTIALS_NOTE}`);
  }

  /** The changes collected so far. */
  changes(): TenantChanges {
    const resources: ResourceChange[] = [];
    const warnable: CollectedStep[] = [];
    for (const [urn, { kind, metadata }] of this.steps) {
      if (kind === "same") continue;
      const keys = kind === "replace" && metadata.keys?.length ? metadata.keys : metadata.detailedDiff ? Object.keys(metadata.detailedDiff) : (metadata.diffs ?? []);
      resources.push({
        urn,
        type: metadata.type,
        name: nameOfUrn(urn),
        kind,
        stateful: isStateful(metadata.type),
        protect: Boolean(metadata.old?.protect ?? metadata.new?.protect),
        keys: [...new Set(keys)].sort(),
      });
      if (kind === "update" || kind === "replace" || kind === "delete") warnable.push({ kind, keys: [...new Set(keys)].sort(), metadata });
    }
    // Data safety over the steps themselves: a stateful replacement or deletion the tenant file
    // does not declare is a mandatory finding, whether or not the policy pack ran.
    const unsafe = unsafeSteps([...this.steps.values()].map((s) => s.metadata)).map((v): PolicyFinding => ({
      policy: STEP_SAFETY_POLICY, level: "mandatory", message: v.message, urn: v.urn,
    }));
    const warnings = stepWarnings(warnable);
    return {
      counts: countKinds([...this.steps.values()].map((s) => s.kind)),
      resources: sortChanges(resources),
      policies: [...unsafe, ...this.policies],
      errors: [...this.errors],
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  }
}
