/**
 * Plain-language messages for zod issues: what was found and what is allowed. Rules with their
 * own wording (regexes, refinements, unions) set it in the schema; this covers the generic ones.
 */
import type { z } from "zod";
import { closestKey } from "./schema-keys";

type Issue = z.core.$ZodRawIssue;

/** A short description of a YAML value for "got …" clauses. */
export function describeValue(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return `${typeof value} ${value}`;
  return typeof value === "object" ? "a mapping" : typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  object: "a mapping (key: value lines)",
  array: "a list",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  record: "a mapping",
};

/** The message for one issue, or undefined to keep the schema's own wording. */
export function messageFor(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      if (issue.expected === "string" && (typeof issue.input === "number" || typeof issue.input === "boolean")) {
        return `must be text; YAML read ${String(issue.input)} as a ${typeof issue.input}, so put it in quotes: "${String(issue.input)}"`;
      }
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case "invalid_value": {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
      if (issue.input === undefined) return `is required: one of ${allowed}`;
      const guess = typeof issue.input === "string" ? closestKey(issue.input, issue.values.map(String)) : undefined;
      return `must be one of ${allowed}; got ${describeValue(issue.input)}${guess ? ` (did you mean "${guess}"?)` : ""}`;
    }
    case "too_small":
      if (issue.origin === "array") return `needs at least ${String(issue.minimum)} ${Number(issue.minimum) === 1 ? "entry" : "entries"}`;
      if (issue.origin === "string") return `must be at least ${String(issue.minimum)} characters`;
      return `must be at least ${String(issue.minimum)}${issue.inclusive === false ? " (exclusive)" : ""}; got ${describeValue(issue.input)}`;
    case "too_big":
      if (issue.origin === "array") return `takes at most ${String(issue.maximum)} entries`;
      if (issue.origin === "string") return `must be at most ${String(issue.maximum)} characters`;
      return `must be at most ${String(issue.maximum)}; got ${describeValue(issue.input)}`;
    case "invalid_key": {
      const inner = (issue as unknown as { issues?: { message?: string }[] }).issues?.[0]?.message;
      return `key ${JSON.stringify(issue.input)} is not allowed${inner ? `: ${inner}` : ""}`;
    }
    default:
      return undefined;
  }
}
