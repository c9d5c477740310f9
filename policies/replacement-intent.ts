/**
 * How a declared replacement or deletion shows on a resource: the Database component's tag, or the
 * load balancer's (WebTier), with the reason.
 */
import { DELETION_TAG, REPLACEMENT_TAG } from "../components/shared/reason-tag";

function hasTag(inputs: Record<string, unknown> | undefined, key: string): boolean {
  const tags = inputs?.["tags"];
  return typeof tags === "object" && tags !== null && Boolean((tags as Record<string, unknown>)[key]);
}

/**
 * True when resource inputs carry the replacement tag with a reason: the tenant file declares
 * `database.replacement: { allow: true, reason }`, and the Database component tags its instance.
 */
export function declaresReplacement(inputs: Record<string, unknown> | undefined): boolean {
  return hasTag(inputs, REPLACEMENT_TAG);
}

/**
 * True when resource inputs carry the deletion tag with a reason: the tenant file declares
 * `offboarding: { reason }`, and the WebTier component tags its load balancer.
 */
export function declaresDeletion(inputs: Record<string, unknown> | undefined): boolean {
  return hasTag(inputs, DELETION_TAG);
}
