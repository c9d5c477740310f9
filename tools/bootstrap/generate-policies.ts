/**
 * Generates the committed policies from the plans of the tenant folders: what
 * `npm run bootstrap -- --policies` writes to policies/deploy-permissions/generated/aws-policies.json.
 */
import pikeData from "../../policies/deploy-permissions/data/pike-aws-actions.json";
import { REGENERATE_COMMAND, type CommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import { factsFromPlans, withTypesOf } from "../../policies/deploy-permissions/fleet-facts";
import { generatePolicies, MANAGED_POLICIES_PER_ROLE, MANAGED_POLICY_MAX_CHARS, policySize } from "../../policies/deploy-permissions/policy-documents";
import { missingProviderCalls } from "../../policies/deploy-permissions/policy-coverage";
import { overlappingPrefixes } from "../../policies/deploy-permissions/overlapping-prefixes";
import { boundarySizeProblem } from "../../policies/deploy-permissions/tenant-boundary";
import { planFleets } from "./fleet-plans";
import { cloudflareUses, tokenTemplates, type TokenTemplate } from "./cloudflare/token-templates";
import type { TenantPlan } from "../../policies/plan-types";
import * as path from "node:path";

/** The folders whose tenants the policies cover: the fleet, and the samples CI plans. */
export const POLICY_TENANT_FOLDERS = ["tenants", "samples"] as const;

/**
 * Tenants never deployed, with every section a tenant file can turn on: their resource types,
 * invokes, passed services and attached policies join the policies (so turning a section on
 * never fails a deploy for want of a permission), their names and regions do not.
 */
export const FEATURE_TENANT_FOLDER = "tools/bootstrap/feature-tenants";

/** A set of policies IAM would refuse or a mapping with gaps: nothing is written. */
export class PolicyGenerationError extends Error {}

/** Where the Cloudflare token templates are committed. */
export const COMMITTED_TOKENS_FILE = path.resolve(__dirname, "generated/cloudflare-tokens.json");

/** The committed Cloudflare token templates. */
export interface CommittedTokens {
  readonly generatedBy: string;
  readonly tenantFolders: readonly string[];
  /** The Cloudflare types (rulesets with their phase) and invokes of the plans. */
  readonly uses: { readonly resources: readonly string[]; readonly functions: readonly string[] };
  /** Per workflow environment, the token to create (its secret CLOUDFLARE_API_TOKEN). */
  readonly tokens: Readonly<Record<string, TokenTemplate>>;
}

/** The AWS policies and Cloudflare tokens the plans of `folders` need, as the committed files hold them. */
export async function generateFromFolders(folders: readonly string[], featureFolder = FEATURE_TENANT_FOLDER): Promise<{ aws: CommittedPolicies; cloudflare: CommittedTokens }> {
  const plans = await planFleets(folders);
  const features = await planFleets([featureFolder]);
  return { aws: policiesFromPlans(plans, features, folders), cloudflare: tokensFromPlans([...plans, ...features], [...folders, featureFolder]) };
}

/** The Cloudflare token templates the plans need. */
export function tokensFromPlans(plans: readonly TenantPlan[], folders: readonly string[]): CommittedTokens {
  const uses = cloudflareUses(plans);
  const { templates, unknown } = tokenTemplates(uses);
  if (unknown.length > 0) {
    throw new PolicyGenerationError(`the Cloudflare token permissions of these types are not known: ${unknown.join(", ")}; add them to tools/bootstrap/cloudflare/token-permissions.json from the API reference`);
  }
  return { generatedBy: REGENERATE_COMMAND, tenantFolders: [...folders], uses, tokens: templates };
}

/** The AWS policies the plans need (the feature tenants' types included), as the committed file holds them. */
export function policiesFromPlans(plans: readonly TenantPlan[], features: readonly TenantPlan[], folders: readonly string[]): CommittedPolicies {
  const facts = withTypesOf(factsFromPlans(plans), factsFromPlans(features));
  const generated = generatePolicies(facts);
  if (generated.unknown.size > 0) {
    throw new PolicyGenerationError(`the IAM actions of these types are not known:\n  ${[...generated.unknown.values()].join("\n  ")}`);
  }
  const missing = missingProviderCalls(facts.resourceTypes, generated.deploy, generated.read);
  if (missing.length > 0) {
    throw new PolicyGenerationError(`the mapping lacks actions the provider calls (policies/deploy-permissions/data/provider-calls.json); enter them in the type's entry of policies/deploy-permissions/data/extra-aws-actions.json:\n  ${missing.join("\n  ")}`);
  }
  const tooLarge: string[] = [];
  for (const [role, documents] of [["deploy", generated.deploy], ["read", generated.read], ["preview", generated.preview]] as const) {
    // The packer puts a statement larger than the quota in a document of its own (the IAM
    // statements list role patterns per tenant and are not split by resource): IAM refuses it.
    documents.forEach((document, index) => {
      const size = policySize(document);
      if (size > MANAGED_POLICY_MAX_CHARS) {
        tooLarge.push(`the ${role} policy's document ${index + 1} is ${size} characters (statements ${document.Statement.map((statement) => statement.Sid).join(", ")}); `
          + `IAM takes at most ${MANAGED_POLICY_MAX_CHARS} in a managed policy (IAM User Guide, reference_iam-quotas.html)`);
      }
    });
    if (documents.length > MANAGED_POLICIES_PER_ROLE) {
      tooLarge.push(`the ${role} policy needs ${documents.length} managed policies; a role takes ${MANAGED_POLICIES_PER_ROLE} (IAM User Guide, reference_iam-quotas.html: `
        + "20 after a Service Quotas increase, which this generator does not assume); its IAM statements list role/<tenant>-* patterns per tenant: split the fleet across AWS accounts");
    }
  }
  // The boundary is made from these facts when the bootstrap runs: sized here with the longest
  // state backend, so a fleet it cannot hold fails before its policies are committed.
  const boundary = boundarySizeProblem(facts);
  if (boundary) tooLarge.push(boundary);
  if (tooLarge.length > 0) throw new PolicyGenerationError(tooLarge.join("\n"));
  return {
    generatedBy: REGENERATE_COMMAND,
    tenantFolders: [...folders],
    mapping: { ...pikeData.source, extra: "policies/deploy-permissions/data/extra-aws-actions.json", types: "policies/deploy-permissions/data/pulumi-terraform-types.json" },
    facts,
    overlappingRolePatterns: overlappingPrefixes(facts.iamNamePrefixes),
    deploy: generated.deploy,
    read: generated.read,
    preview: generated.preview,
  };
}
