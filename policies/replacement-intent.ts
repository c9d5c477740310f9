/** How a declared replacement shows on a resource: the Database component's tag, with the reason. */
import { REPLACEMENT_TAG } from "../components/database/database";

/**
 * True when resource inputs carry the replacement tag with a reason: the tenant file declares
 * `database.replacement: { allow: true, reason }`, and the Database component tags its instance.
 */
export function declaresReplacement(inputs: Record<string, unknown> | undefined): boolean {
  const tags = inputs?.["tags"];
  return typeof tags === "object" && tags !== null && Boolean((tags as Record<string, unknown>)[REPLACEMENT_TAG]);
}
