/**
 * Outputs a provider recomputes when it updates a resource in place, per resource type, as read
 * in the provider's source. The engine's preview shows such an output unknown, so an input of
 * another resource fed by it is unknown too and counts as a change of that resource
 * (`update-simulation.ts`), as an input fed by a resource being replaced does.
 *
 * The engine records which resources feed an input (`propertyDependencies`), not which of their
 * outputs: an input fed by a resource listed here is taken as fed by its recomputed outputs.
 */

/** Outputs recomputed by an update of the type, unless only some inputs change. */
export interface RecomputedOutputs {
  /** Pulumi output names (camelCase) the update gives a new value. */
  readonly outputs: readonly string[];
  /** Inputs whose change alone leaves {@link outputs} as they are. */
  readonly unlessOnly: ReadonlySet<string>;
  /** File in the provider repository, and the version read. */
  readonly source: string;
}

/**
 * Launch template inputs whose change makes no new template version: every other one does
 * (terraform-provider-aws internal/service/ec2/ec2_launch_template.go: `CustomizeDiff` marks
 * `latest_version` unknown unless only name, name_prefix, description, default_version or
 * update_default_version change; `resourceLaunchTemplateUpdate` creates a version
 * (CreateLaunchTemplateVersion) for a change of its `updateKeys`, which hold neither those nor
 * tags: a change of tags alone leaves `latest_version` as it is on `up`, although the preview
 * already shows it unknown).
 */
export const NO_NEW_VERSION: ReadonlySet<string> = new Set(["name", "namePrefix", "description", "defaultVersion", "updateDefaultVersion", "tags", "tagsAll"]);

const RECOMPUTED: Readonly<Record<string, RecomputedOutputs>> = {
  "aws:ec2/launchTemplate:LaunchTemplate": {
    // latest_version: Computed; set from the new version's number after CreateLaunchTemplateVersion.
    outputs: ["latestVersion"],
    unlessOnly: NO_NEW_VERSION,
    source: "hashicorp/terraform-provider-aws internal/service/ec2/ec2_launch_template.go, v6 line (aws-sdk-go-v2; search index id 1700241859)",
  },
};

/** The outputs an in-place update of `type` changing `fields` recomputes (none when it recomputes nothing). */
export function recomputedOutputs(type: string, fields: readonly string[]): readonly string[] {
  const rule = RECOMPUTED[type];
  if (!rule || fields.every((f) => rule.unlessOnly.has(f.split(".")[0]!))) return [];
  return rule.outputs;
}
