/** Small readers for resource properties, which arrive as the provider's inputs (some booleans as strings). */

/** True for `true` and for the string "true" (launch templates keep some booleans as strings). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** The value as an array of records (an absent value is an empty list). */
export function records(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return value && typeof value === "object" ? [value as Record<string, unknown>] : [];
  return value.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === "object");
}

/** The value as a record (an absent value is empty). */
export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The value as a list of strings (a single string is a list of one). */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The resource's display name in messages: the last part of its URN. */
export function shortName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/** The value as text: strings and numbers as they are, anything else empty. */
export function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}
