/**
 * An input's value as the terminal diff prints it, after `pulumi preview --diff`
 * (pulumi/pulumi pkg/backend/display/object_diff.go, `printPrimitivePropertyValue`): strings
 * quoted, secrets `[secret]`, values known only after the deployment `[unknown]`, a change as
 * `old => new`. A value longer than {@link MAX_VALUE_LENGTH} characters is cut there and ends in
 * `...` with its full length, the limit preview puts on a line (`truncatePropertyString`,
 * maxLineLength = 150); line breaks inside a string print as `\n`, so each change stays one line.
 */
import { SECRET_MASK } from "../../policies/plan-types";
import type { FieldChange } from "./update-simulation";
import { UNKNOWN_MARK } from "./wire-values";

/** The most characters of one value the diff prints. */
export const MAX_VALUE_LENGTH = 150;

const MASKS = new Set([SECRET_MASK, UNKNOWN_MARK]);

/** Object keys in order, so a value prints the same whichever order the program set them in. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]));
}

/** One value: `"text"`, `3`, `true`, `[secret]`, `[unknown]`, `{"a":1}`, `(not set)`. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "(not set)";
  if (typeof value === "string" && MASKS.has(value)) return value;
  // Masks inside lists and objects print bare too.
  let text = JSON.stringify(sorted(value));
  for (const mask of MASKS) text = text.replaceAll(JSON.stringify(mask), mask);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}... (${text.length} characters)` : text;
}

/** `field: old => new`, as preview prints a changed property. */
export function formatFieldChange(change: FieldChange): string {
  return `${change.field}: ${formatValue(change.before)} => ${formatValue(change.after)}`;
}
