/**
 * The AWS API calls terraform-provider-aws makes for a planned resource, from
 * `data/provider-calls.json`: read from the provider's source, and kept apart from the action
 * mapping the policies are generated from (`action-data.ts`), so that a mapping gap (an action
 * Pike lacks, an argument whose calls it does not list) shows up as a difference between the two
 * instead of being repeated on both sides of the check.
 */
import callData from "./data/provider-calls.json";
import { TYPE_MAP } from "./action-data";

/** The operations of a resource's lifecycle. */
export type Operation = "create" | "read" | "update" | "delete";

/** One call (or a group made together) of the provider. */
export interface ProviderCall {
  readonly operation: Operation;
  /** The Pulumi input (dotted path) that must be set for the call to be made. @default always made */
  readonly when?: string;
  /** The IAM actions that authorize it. */
  readonly actions: readonly string[];
  /** The provider file and function that make it. */
  readonly source: string;
}

const CALLS: Readonly<Record<string, readonly ProviderCall[]>> = callData.types as Record<string, readonly ProviderCall[]>;

/** The Terraform types whose calls are kept. */
export function typesWithCalls(): string[] {
  return Object.keys(CALLS).sort();
}

/** Every call the provider may make for a Terraform type, whatever the resource sets. */
export function allCalls(terraformType: string): readonly ProviderCall[] {
  return CALLS[terraformType] ?? [];
}

/** The Terraform type of a Pulumi resource type token, if mapped. */
export function terraformTypeOf(token: string): string | undefined {
  return TYPE_MAP.resources[token];
}

function valueAt(props: Record<string, unknown>, dottedPath: string): unknown {
  let value: unknown = props;
  for (const key of dottedPath.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Set as the provider's `d.GetOk` sees it: present, and neither false, empty, nor null. */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "" || value === 0) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/**
 * The calls a planned resource implies: those made always, and those of the inputs it sets (a
 * read replica's `replicateSourceDb`, a restore's `snapshotIdentifier`, a launch template's
 * `updateDefaultVersion`). Update calls count too: a routine change of the tenant file makes them.
 */
export function impliedCalls(token: string, props: Record<string, unknown>): ProviderCall[] {
  const terraformType = terraformTypeOf(token);
  if (terraformType === undefined) return [];
  return allCalls(terraformType).filter((call) => call.when === undefined || isSet(valueAt(props, call.when)));
}

/** A call's description for a message: operation, condition, source. */
export function describeCall(call: ProviderCall): string {
  return `${call.operation}${call.when ? ` with ${call.when} set` : ""}: ${call.source}`;
}
