/**
 * Data safety over preview steps: nothing stateful is deleted or replaced unless the tenant file
 * declares the intent. A pure function over the steps a preview reports (the Automation API's
 * engine events: `resourcePreEvent.metadata`, a `StepEventMetadata`), so the fleet driver can feed
 * it `pulumi preview` output and tests can feed it hand-built steps.
 *
 * ```ts
 * const steps = events.flatMap((e) => (e.resourcePreEvent ? [e.resourcePreEvent.metadata] : []));
 * const violations = unsafeSteps(steps, { declaredUrns: [] });
 * ```
 *
 * A change is declared when the resource's state (old or new inputs) carries the replacement tag
 * (`tenant-platform:replacement`, set by the Database component when the tenant file holds
 * `database.replacement: { allow: true, reason }` — deployed on its own first, so the old state of
 * the replacing deploy carries it), or when its URN is among `declaredUrns`.
 */
import type { OpType } from "@pulumi/pulumi/automation";
import { declaresReplacement } from "./replacement-intent";

/** The parts of an engine step (`StepEventMetadata`) the check reads. */
export interface PreviewStep {
  /** The engine's operation: "same", "create", "update", "replace", "create-replacement", "delete-replaced", "delete", … */
  readonly op: OpType;
  readonly urn: string;
  readonly type: string;
  /** State before the step (absent for creates). */
  readonly old?: { readonly inputs?: Record<string, unknown>; readonly retainOnDelete?: boolean };
  /** State after the step (absent for deletes). */
  readonly new?: { readonly inputs?: Record<string, unknown>; readonly retainOnDelete?: boolean };
}

/** Intents declared outside the resources' tags. */
export interface DeclaredIntents {
  /** URNs whose deletion or replacement is declared. @default [] */
  readonly declaredUrns?: readonly string[];
}

/** One unsafe step. */
export interface StepViolation {
  readonly urn: string;
  readonly type: string;
  /** "replace" for any replacement step, "delete" for a deletion. */
  readonly change: "replace" | "delete";
  readonly message: string;
}

/** Resource types that hold data a replacement or deletion would lose. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:s3/bucket:Bucket",
  "aws:backup/vault:Vault",
  "aws:kms/key:Key",
  "aws:efs/fileSystem:FileSystem",
  "aws:dynamodb/table:Table",
  "cloudflare:index/zone:Zone",
]);

const REPLACING_OPS: ReadonlySet<OpType> = new Set(["replace", "create-replacement", "delete-replaced"]);

/** A read replica holds no data of its own. */
function isReplica(step: PreviewStep): boolean {
  return Boolean(step.old?.inputs?.["replicateSourceDb"] ?? step.new?.inputs?.["replicateSourceDb"]);
}

function isDeclared(step: PreviewStep, intents: DeclaredIntents): boolean {
  return (intents.declaredUrns ?? []).includes(step.urn)
    || declaresReplacement(step.old?.inputs)
    || declaresReplacement(step.new?.inputs);
}

/**
 * The steps that would replace or delete a stateful resource without a declared intent: one
 * violation per resource (a replacement's three steps count once). Deleting a resource kept by
 * `retainOnDelete` is safe: the engine forgets it and the cloud keeps it.
 */
export function unsafeSteps(steps: readonly PreviewStep[], intents: DeclaredIntents = {}): StepViolation[] {
  const violations = new Map<string, StepViolation>();
  for (const step of steps) {
    if (!STATEFUL_TYPES.has(step.type) || isReplica(step) || isDeclared(step, intents) || violations.has(step.urn)) continue;
    if (REPLACING_OPS.has(step.op)) {
      violations.set(step.urn, { urn: step.urn, type: step.type, change: "replace", message: "would be replaced: a new, empty resource takes its place, and the tenant file does not declare it" });
    } else if (step.op === "delete" && step.old?.retainOnDelete !== true) {
      violations.set(step.urn, { urn: step.urn, type: step.type, change: "delete", message: "would be deleted, and the tenant file does not declare it" });
    }
  }
  return [...violations.values()];
}
