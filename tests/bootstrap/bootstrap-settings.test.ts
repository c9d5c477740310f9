/**
 * The bootstrap's account settings: an existing GitHub OIDC provider is used rather than created
 * (IAM holds one per URL), and a tenant-only account gets no workflow roles, its deploy and reader
 * roles trusting the workflow account's.
 */
import { describe, expect, it } from "vitest";
import { EXAMPLE_SETTINGS, planBootstrap } from "../../tools/bootstrap/plan-bootstrap";

const EXISTING = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const WORKFLOWS = "arn:aws:iam::111111111111:role/tenant-platform";
const types = (plan: Awaited<ReturnType<typeof planBootstrap>>, type: string) => plan.resources.filter((resource) => resource.type === `aws:${type}`);

describe("githubOidcProviderArn", () => {
  it("names the account's existing provider in the roles' trust, and creates none", async () => {
    const plan = await planBootstrap({ ...EXAMPLE_SETTINGS, githubOidcProviderArn: EXISTING });
    expect(types(plan, "iam/openIdConnectProvider:OpenIdConnectProvider")).toEqual([]);
    const preview = types(plan, "iam/role:Role").find((role) => role.name === "tenant-platform-preview")!;
    expect(JSON.parse(preview.inputs["assumeRolePolicy"] as string).Statement[0].Principal).toEqual({ Federated: EXISTING });
  });

  it("is created when not given", async () => {
    expect(types(await planBootstrap(), "iam/openIdConnectProvider:OpenIdConnectProvider")).toHaveLength(1);
  });
});

describe("workflowRoles: false (a tenant-only account)", () => {
  const trusts = { deployRoleTrusts: [`${WORKFLOWS}-production`], readerRoleTrusts: { preview: [`${WORKFLOWS}-preview`], drift: [`${WORKFLOWS}-drift`] } };
  const withoutState = { githubRepository: EXAMPLE_SETTINGS.githubRepository, region: EXAMPLE_SETTINGS.region };

  it("creates no OIDC provider and no workflow role; the deploy and reader roles trust the workflow account's", async () => {
    const plan = await planBootstrap({ ...withoutState, workflowRoles: false, ...trusts });
    expect(types(plan, "iam/openIdConnectProvider:OpenIdConnectProvider")).toEqual([]);
    const roles = types(plan, "iam/role:Role");
    expect(roles.map((role) => role.name).sort()).toEqual(["platform-deployer", "platform-previewer", "platform-reader"]);
    const trusted = (name: string) => JSON.parse(roles.find((role) => role.name === name)!.inputs["assumeRolePolicy"] as string).Statement[0].Principal.AWS;
    expect(trusted("platform-deployer")).toEqual([`${WORKFLOWS}-production`]);
    expect(trusted("platform-previewer")).toEqual([`${WORKFLOWS}-preview`]);
    expect(trusted("platform-reader")).toEqual([`${WORKFLOWS}-drift`]);
    expect(Object.keys(plan.outputs).sort()).toEqual(["deployRoleArn", "driftReaderRoleArn", "previewReaderRoleArn", "tenantBoundaryPolicyArn"]);
  });

  it("refuses to guess whom the roles trust, and a state bucket without workflow roles", async () => {
    await expect(planBootstrap({ ...withoutState, workflowRoles: false })).rejects.toThrow("set deployRoleTrusts to the workflow account's role ARNs");
    await expect(planBootstrap({ ...EXAMPLE_SETTINGS, workflowRoles: false, ...trusts })).rejects.toThrow("stateBucket needs the workflow roles of this account");
  });
});
