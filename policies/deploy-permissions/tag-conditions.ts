/**
 * Which deploy actions are limited to the platform's own resources by their tag: those whose
 * resource condition keys, as kept in `data/tag-condition-keys.json` (from the AWS Service
 * Authorization Reference, each entry naming its page), include `aws:ResourceTag/${TagKey}`.
 * The tenants' AWS provider tags every resource `managed-by: tenant-platform` through its default
 * tags (program/providers.ts `tenantTags`), so the condition holds for every resource a deploy
 * changes or deletes, and fails for any other resource in the account.
 */
import keys from "./data/tag-condition-keys.json";

/** The tag key and value every tenant resource carries (program/providers.ts `tenantTags`). */
export const MANAGED_BY_TAG = { key: "managed-by", value: "tenant-platform" } as const;

/** The resource-tag condition key as the reference writes it. */
const RESOURCE_TAG_KEY = "aws:ResourceTag/${TagKey}";

/** One action's entry: the resource types it authorizes against and their condition keys. */
export interface TagConditionEntry {
  readonly resourceTypes: readonly string[];
  readonly conditionKeys: readonly string[];
  /** The reference page the entry was read from. */
  readonly page: string;
  /** Where the provider sends the tags with the create call. */
  readonly taggedOnCreate: string;
}

/** The kept entries, by IAM action. */
export const TAG_CONDITION_KEYS: Readonly<Record<string, TagConditionEntry>> = keys.actions;

/** True when the reference lists `aws:ResourceTag/${TagKey}` for `action` in `table`. */
export function supportsResourceTag(action: string, table: Readonly<Record<string, TagConditionEntry>> = TAG_CONDITION_KEYS): boolean {
  return table[action]?.conditionKeys.includes(RESOURCE_TAG_KEY) ?? false;
}

/** The condition that limits an action to resources tagged as the platform's. */
export const MANAGED_BY_CONDITION = { [`aws:ResourceTag/${MANAGED_BY_TAG.key}`]: [MANAGED_BY_TAG.value] } as const;
