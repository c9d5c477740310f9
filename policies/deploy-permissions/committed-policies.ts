/**
 * The generated policies as committed (`policies/deploy-permissions/generated/aws-policies.json`): what the
 * deploy and read-only roles are given, and what the offline plan checks each tenant against.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { FleetFacts } from "./fleet-facts";
import type { PrefixOverlap } from "./overlapping-prefixes";
import type { PolicyDocument } from "./policy-documents";

/** Where the generated policies are committed. */
export const COMMITTED_POLICIES_FILE = path.resolve(__dirname, "generated/aws-policies.json");

/** The command that regenerates them. */
export const REGENERATE_COMMAND = "npm run bootstrap -- --policies";

/** The committed file's content. */
export interface CommittedPolicies {
  readonly generatedBy: string;
  /** The tenant folders whose plans the policies were derived from. */
  readonly tenantFolders: readonly string[];
  readonly mapping: Readonly<Record<string, string>>;
  readonly facts: FleetFacts;
  /** Tenants' name prefixes whose role patterns also match another tenant's roles (overlapping-prefixes.ts). */
  readonly overlappingRolePatterns: readonly PrefixOverlap[];
  /** The deploy role's managed policies. */
  readonly deploy: readonly PolicyDocument[];
  /** The drift role's managed policies (reads only, secret values included: a refresh reads them). */
  readonly read: readonly PolicyDocument[];
  /** The preview role's managed policies (reads of resource attributes, no data). */
  readonly preview: readonly PolicyDocument[];
}

/** Reads the committed policies (`file` for tests). */
export function readCommittedPolicies(file = COMMITTED_POLICIES_FILE): CommittedPolicies {
  return JSON.parse(readFileSync(file, "utf8")) as CommittedPolicies;
}
