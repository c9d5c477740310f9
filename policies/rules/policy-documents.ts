/** Reading IAM-style policy documents, which resources carry as JSON text or as objects. */
import { record, records } from "./values";

/** The statements of a policy document (JSON text or object); none when it cannot be read. */
export function policyStatements(document: unknown): Record<string, unknown>[] {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return [];
    }
  }
  return records(record(parsed)["Statement"]);
}

/** The statement's values of a key that may be a string or a list (Action, Resource). */
export function statementValues(statement: Record<string, unknown>, key: string): string[] {
  const value = statement[key];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.map(String) : [];
}
