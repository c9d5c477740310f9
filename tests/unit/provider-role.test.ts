/**
 * The role a tenant's AWS provider assumes: the deploy role for `pulumi up`, the reader role of
 * the same account when the preview or drift job names it in TENANT_PLATFORM_AWS_ROLE_NAME.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { planTenant } from "../../tools/plan/run-plan";
import { PROVIDER_ROLE_NAME_ENV, providerRoleArn } from "../../program/provider-role";

const DEPLOY = "arn:aws:iam::210987654321:role/platform-deployer";

/** The role the plan's AWS provider of `tenant` assumes. */
async function assumedRole(tenant: string): Promise<unknown> {
  const plan = await planTenant(tenant, "samples");
  const provider = plan.resources.find((resource) => resource.type === "pulumi:providers:aws")!;
  // Provider inputs reach the engine as JSON text (pulumi's nodejs SDK serializes a provider's
  // object inputs), as the plan records them.
  const roles = provider.inputs["assumeRoles"];
  return typeof roles === "string" ? (JSON.parse(roles) as { roleArn: string }[]).map((role) => role.roleArn) : roles;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("providerRoleArn", () => {
  it("keeps the deploy role when no reader role is named", () => {
    expect(providerRoleArn(DEPLOY, undefined)).toBe(DEPLOY);
    expect(providerRoleArn(DEPLOY, "")).toBe(DEPLOY);
  });

  it("takes the named reader role in the deploy role's account and partition (a path of the deploy role aside)", () => {
    expect(providerRoleArn(DEPLOY, "platform-previewer")).toBe("arn:aws:iam::210987654321:role/platform-previewer");
    expect(providerRoleArn("arn:aws-us-gov:iam::222222222222:role/ops/platform-deployer", "platform-reader")).toBe("arn:aws-us-gov:iam::222222222222:role/platform-reader");
  });

  it("refuses a name that is not a reader role, saying which are", () => {
    expect(() => providerRoleArn(DEPLOY, "platform-deployer")).toThrow("TENANT_PLATFORM_AWS_ROLE_NAME=platform-deployer: must be one of platform-previewer, platform-reader");
    expect(() => providerRoleArn(DEPLOY, "admin")).toThrow(/must be one of/);
  });
});

describe("the program's AWS provider", () => {
  it("assumes the tenant's deploy role without the variable", async () => {
    expect(await assumedRole("example-ha")).toEqual([DEPLOY]);
  });

  it("assumes the reader role the preview or drift job names, in the tenant's account", async () => {
    vi.stubEnv(PROVIDER_ROLE_NAME_ENV, "platform-previewer");
    expect(await assumedRole("example-ha")).toEqual(["arn:aws:iam::210987654321:role/platform-previewer"]);
    vi.stubEnv(PROVIDER_ROLE_NAME_ENV, "platform-reader");
    expect(await assumedRole("lionsbase-south")).toEqual(["arn:aws:iam::222222222222:role/platform-reader"]);
  });

  it("assumes nothing for a tenant without aws.deployRoleArn (the job's own read-only role is used)", async () => {
    vi.stubEnv(PROVIDER_ROLE_NAME_ENV, "platform-reader");
    expect(await assumedRole("example")).toBeUndefined();
  });
});
