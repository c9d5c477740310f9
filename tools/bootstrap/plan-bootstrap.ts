/**
 * The bootstrap program's offline plan: the program under the same runtime mocks as a tenant's
 * (tools/plan/run-plan.ts), as a stack of its own project (`tenant-platform-bootstrap`, its
 * Pulumi.yaml), with the committed policies; what `npm run bootstrap -- --plan
 * --json <file>` writes.
 */
import { planProgram } from "../plan/run-plan";
import type { PlannedResource } from "../../policies/plan-types";
import { readCommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import type { PolicyDocument } from "../../policies/deploy-permissions/policy-documents";
import { bootstrapProgram, type BootstrapSettings } from "./program";
import { BOOTSTRAP_PROJECT } from "../../tenant-schema/platform-names";

/** The settings the offline plan uses: a DIY state bucket, so every resource is planned. */
export const EXAMPLE_SETTINGS: BootstrapSettings = {
  githubRepository: "acme/tenant-platform",
  region: "eu-central-1",
  stateBucket: "acme-pulumi-state",
};

/** The offline plan's document. */
export interface BootstrapPlan {
  readonly stack: string;
  readonly settings: BootstrapSettings;
  readonly resources: readonly PlannedResource[];
  readonly outputs: Record<string, unknown>;
  /** The generated policies the roles get, as JSON documents. */
  readonly policies: { readonly deploy: readonly PolicyDocument[]; readonly read: readonly PolicyDocument[]; readonly preview: readonly PolicyDocument[] };
}

/** Plans the bootstrap of one account with `settings`. */
export async function planBootstrap(settings: BootstrapSettings = EXAMPLE_SETTINGS): Promise<BootstrapPlan> {
  const { deploy, read, preview, facts } = readCommittedPolicies();
  const plan = await planProgram("bootstrap", () => Promise.resolve(bootstrapProgram(settings, { deploy, read, preview, facts })), { project: BOOTSTRAP_PROJECT });
  return { stack: plan.stack, settings, resources: plan.resources, outputs: plan.outputs, policies: { deploy, read, preview } };
}
