/**
 * Which provider steps of a preview or drift check are only the job's credentials.
 *
 * Preview and drift jobs name a reader role (`TENANT_PLATFORM_AWS_ROLE_NAME`, program/provider-role.ts),
 * so the tenant's explicit AWS provider is built with that role in `assumeRoles`, while the state
 * holds the deploy role from the last `up`. The engine diffs a provider's inputs like a resource's
 * (pulumi/pulumi pkg/resource/deploy/providers/registry.go `Registry.Diff`; the AWS provider's
 * `configDiffer.DiffConfig` in pulumi/pulumi-terraform-bridge pkg/tfbridge/provider.go makes a
 * detailed diff of the old and new inputs, keyed by property path), so every such run shows an
 * `update` of `pulumi:providers:aws`, and `HasChanges` (pkg/engine/update.go) counts it. The
 * credentials a job uses are not a change to the tenant: such a step is ignored, and said so.
 *
 * The step's changed keys come from the event's `detailedDiff` (property paths such as
 * `assumeRoles[0].roleArn`) or, without one, its `diffs` (top-level keys); both are fields of
 * `StepEventMetadata` in pulumi/pulumi sdk/nodejs/automation/events.ts, filled by
 * pkg/engine/events.go. A step that names no keys is counted: nothing shows it is only credentials.
 */
import type { StepEventMetadata } from "@pulumi/pulumi/automation";

/** The AWS provider resource type (a provider's type is `pulumi:providers:<package>`). */
const AWS_PROVIDER_TYPE = "pulumi:providers:aws";

/** `assumeRoles` itself, or a path under it (`assumeRoles[0]`, `assumeRoles[0].roleArn`). */
const ASSUME_ROLES_PATH = /^assumeRoles($|[.[])/;

/** What a report says about an ignored step. */
export const IGNORED_CREDENTIALS_NOTE = "provider credentials differ by job, ignored";

/** The keys a step changes: the detailed diff's paths, else the top-level keys. */
function changedKeys(metadata: StepEventMetadata): readonly string[] {
  const detailed = metadata.detailedDiff ? Object.keys(metadata.detailedDiff) : [];
  return detailed.length > 0 ? detailed : (metadata.diffs ?? []);
}

/**
 * True when `metadata` is an in-place update of an AWS provider whose only changed keys are
 * `assumeRoles` and paths under it. Replacements, other ops, other providers and steps without
 * keys are not.
 */
export function isCredentialsOnlyProviderUpdate(metadata: StepEventMetadata): boolean {
  if (metadata.type !== AWS_PROVIDER_TYPE || metadata.op !== "update") return false;
  const keys = changedKeys(metadata);
  return keys.length > 0 && keys.every((key) => ASSUME_ROLES_PATH.test(key));
}
