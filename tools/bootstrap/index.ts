/**
 * The bootstrap program as `pulumi up` runs it (from tools/bootstrap, with `aws:region` set):
 * settings from the stack's configuration, policies from the committed generated file.
 */
import * as pulumi from "@pulumi/pulumi";
import { readCommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import { githubRepositoryProblem } from "./github-repository";
import { withShortRunErrorStacks } from "../../program/run-error-stack";
import { bootstrapProgram } from "./program";

// The program is a function so that the refusals it throws reach the host with a short stack
// (program/run-error-stack.ts).
export = async () =>
  withShortRunErrorStacks(() => {
    const config = new pulumi.Config();
    const githubRepository = config.require("githubRepository");
    const repositoryProblem = githubRepositoryProblem(githubRepository);
    if (repositoryProblem) throw new pulumi.RunError(`${repositoryProblem} (pulumi config set githubRepository <owner>/<name>)`);
    const region = new pulumi.Config("aws").require("region");
    const { deploy, read, preview, facts } = readCommittedPolicies();
    const stateBucket = config.get("stateBucket");
    const deployRoleTrusts = config.getObject<string[]>("deployRoleTrusts");
    const readerRoleTrusts = config.getObject<{ preview?: string[]; drift?: string[] }>("readerRoleTrusts");
    const githubOidcProviderArn = config.get("githubOidcProviderArn");
    const workflowRoles = config.getBoolean("workflowRoles");

    return bootstrapProgram(
      { githubRepository, region, ...(stateBucket ? { stateBucket } : {}), ...(deployRoleTrusts ? { deployRoleTrusts } : {}), ...(readerRoleTrusts ? { readerRoleTrusts } : {}),
        ...(githubOidcProviderArn ? { githubOidcProviderArn } : {}), ...(workflowRoles !== undefined ? { workflowRoles } : {}) },
      { deploy, read, preview, facts },
    );
  });
