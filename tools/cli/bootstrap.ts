/**
 * `npm run bootstrap -- --policies`                  regenerate policies/deploy-permissions/generated/aws-policies.json
 * `npm run bootstrap -- --plan --json <file>`        plan the bootstrap program offline
 *
 * Exit 0 done, 1 refused (a tenant file, an unknown type, a policy IAM would refuse), 2 a wrong
 * command line, 70 an internal error.
 */
import { writeFileSync } from "node:fs";
import { EXIT, EXIT_CODES_HELP, parseCommandLine, runCommand, type Io } from "../command-line";
import { outputFileProblem } from "../plan/output-paths";
import { COMMITTED_POLICIES_FILE } from "../../policies/deploy-permissions/committed-policies";
import { FleetPlanError } from "../bootstrap/fleet-plans";
import { COMMITTED_TOKENS_FILE, generateFromFolders, POLICY_TENANT_FOLDERS, PolicyGenerationError } from "../bootstrap/generate-policies";
import { overlapNote } from "../../policies/deploy-permissions/overlapping-prefixes";
import { planBootstrap } from "../bootstrap/plan-bootstrap";

const USAGE = `usage:
  npm run bootstrap -- --policies                 derive the AWS deploy and read-only policies and the Cloudflare tokens from the plans
                                                  of tenants/ and samples/, and write policies/deploy-permissions/generated/ and tools/bootstrap/generated/ (review the diff)
  npm run bootstrap -- --plan --json <file>       plan the bootstrap program offline (its resources and the policies it attaches)

${EXIT_CODES_HELP}`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, { policies: { type: "boolean" }, plan: { type: "boolean" }, json: { type: "string" } }, USAGE, io);
  if ("exit" in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals.length > 0 || values.policies === values.plan || (values.plan && values.json === undefined)) {
    io.err(`give exactly one of --policies or --plan --json <file>\n${USAGE}`);
    return EXIT.usage;
  }
  const jsonProblem = values.json === undefined ? undefined : outputFileProblem(values.json);
  if (jsonProblem) {
    io.err(`--json ${values.json}: ${jsonProblem}`);
    return EXIT.usage;
  }
  try {
    if (values.policies) {
      const { aws: policies, cloudflare } = await generateFromFolders(POLICY_TENANT_FOLDERS);
      writeFileSync(COMMITTED_POLICIES_FILE, `${JSON.stringify(policies, null, 2)}\n`);
      writeFileSync(COMMITTED_TOKENS_FILE, `${JSON.stringify(cloudflare, null, 2)}\n`);
      io.out(`wrote ${COMMITTED_POLICIES_FILE}: deploy ${policies.deploy.length} managed policies, drift ${policies.read.length}, preview ${policies.preview.length}, from ${policies.facts.resourceTypes.length} resource types`);
      const overlaps = overlapNote(policies.facts.iamNamePrefixes);
      if (overlaps) io.out(overlaps);
      io.out(`wrote ${COMMITTED_TOKENS_FILE}: Cloudflare tokens for ${Object.keys(cloudflare.tokens).join(", ")}, from ${cloudflare.uses.resources.length} resource uses; review the diffs`);
      return EXIT.ok;
    }
    const plan = await planBootstrap();
    writeFileSync(values.json!, `${JSON.stringify(plan, null, 2)}\n`);
    io.out(`bootstrap: ${plan.resources.length} resources planned; wrote ${values.json}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof FleetPlanError || error instanceof PolicyGenerationError) {
      io.err(error.message);
      return EXIT.refused;
    }
    throw error;
  }
}

if (require.main === module) runCommand("bootstrap", main);
