/**
 * The tenants' roles carry the bootstrap's permissions boundary: the deploy policy creates roles,
 * and puts or attaches policies on them, only with it and never removes it; every role of every
 * sample plan sets it; the offline check refuses a role without it; and the boundary itself grants
 * no IAM and nothing on the state backend.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { planStackResources } from "../../policies/plan-view";
import { planFleets } from "../../tools/bootstrap/fleet-plans";
import { readCommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import { coverageGaps } from "../../policies/deploy-permissions/policy-coverage";
import { BOUNDED_IAM_ACTIONS, TENANT_BOUNDARY_ARN, WITHHELD_IAM_ACTIONS } from "../../policies/deploy-permissions/policy-documents";
import { tenantBoundaryPolicy } from "../../policies/deploy-permissions/tenant-boundary";
import { planBootstrap, type BootstrapPlan } from "../../tools/bootstrap/plan-bootstrap";
import { TENANT_BOUNDARY_POLICY_NAME } from "../../tenant-schema/platform-names";
import { accountPolicyArn } from "../../program/tenant/permissions-boundary";
import type { TenantPlan } from "../../policies/plan-types";
import { simulateUpdate } from "../../tools/plan/update-simulation";

const committed = readCommittedPolicies();
const statements = committed.deploy.flatMap((document) => document.Statement);
const ROLE = "aws:iam/role:Role";
let plans: TenantPlan[];
let bootstrap: BootstrapPlan;

beforeAll(async () => {
  plans = await planFleets(["samples"]);
  bootstrap = await planBootstrap();
});

describe("the deploy policy", () => {
  it("grants role creation, inline and attached policies and boundary changes only with the tenant boundary", () => {
    expect(TENANT_BOUNDARY_ARN).toBe("arn:aws:iam::${aws:PrincipalAccount}:policy/tenant-platform-tenant-boundary");
    for (const action of BOUNDED_IAM_ACTIONS) {
      const granting = statements.filter((statement) => statement.Action.includes(action));
      expect(granting.length, action).toBeGreaterThan(0);
      for (const statement of granting) expect(statement.Condition?.["StringEquals"]?.["iam:PermissionsBoundary"], `${action} in ${statement.Sid}`).toEqual([TENANT_BOUNDARY_ARN]);
    }
  });

  it("never lets a deploy remove a boundary", () => {
    expect(WITHHELD_IAM_ACTIONS).toEqual(["iam:DeleteRolePermissionsBoundary"]);
    expect(statements.filter((statement) => statement.Action.some((action) => /^iam:(DeleteRolePermissionsBoundary|\*|Delete\*)$/i.test(action)))).toEqual([]);
  });
});

describe("the tenants' plans", () => {
  it("set the account's boundary on every IAM role", () => {
    let roles = 0;
    for (const plan of plans) {
      for (const role of plan.resources.filter((resource) => resource.type === ROLE)) {
        roles++;
        expect(role.inputs["permissionsBoundary"], `${plan.tenant} ${role.name}`).toBe("arn:aws:iam::123456789012:policy/tenant-platform-tenant-boundary");
      }
    }
    expect(roles).toBeGreaterThan(20);
  });

  it("give an existing role its boundary in place, not by a replacement (terraform-provider-aws iam/role.go: permissions_boundary is not ForceNew)", () => {
    const plan = plans.find((candidate) => candidate.tenant === "example")!;
    const deployed = { ...plan, resources: plan.resources.map((resource) => {
      if (resource.type !== ROLE) return resource;
      const inputs = { ...resource.inputs };
      delete inputs["permissionsBoundary"];
      return { ...resource, inputs };
    }) };
    const roles = simulateUpdate(deployed, plan).changes.filter((change) => change.type === ROLE);
    expect(roles.length).toBeGreaterThan(3);
    for (const change of roles) expect(change, change.name).toMatchObject({ step: "update", fields: ["permissionsBoundary"], reason: "in place: permissionsBoundary" });
  });

  it("derive the boundary's ARN from the caller's partition and account", () => {
    expect(accountPolicyArn("arn:aws-us-gov:sts::210987654321:assumed-role/platform-deployer/x", "210987654321", TENANT_BOUNDARY_POLICY_NAME))
      .toBe("arn:aws-us-gov:iam::210987654321:policy/tenant-platform-tenant-boundary");
  });
});

describe("the check of a tenant's plan", () => {
  const role = () => planStackResources(plans.find((plan) => plan.tenant === "example")!).find((resource) => resource.type === ROLE)!;
  const messages = (props: Record<string, unknown>) => coverageGaps([{ ...role(), props }], committed.deploy).map((gap) => gap.message);

  it("passes a role with the boundary", () => {
    expect(messages(role().props)).toEqual([]);
  });

  it("refuses a role without the boundary, or with another one", () => {
    const unbounded = { ...role().props };
    delete unbounded["permissionsBoundary"];
    expect(messages(unbounded)).toEqual([expect.stringContaining(`the deploy policy creates roles only with the permissions boundary ${TENANT_BOUNDARY_ARN} (iam:CreateRole with iam:PermissionsBoundary); the role has none`)]);
    expect(messages({ ...unbounded, permissionsBoundary: "arn:aws:iam::aws:policy/AdministratorAccess" })).toEqual([expect.stringContaining("the role has arn:aws:iam::aws:policy/AdministratorAccess")]);
    expect(messages({ ...unbounded, permissionsBoundary: "arn:aws:iam::123456789012:policy/tenant-platform-tenant-boundary-x" })).toHaveLength(1);
  });
});

describe("the boundary the bootstrap creates", () => {
  const policy = () => bootstrap.resources.find((resource) => resource.type === "aws:iam/policy:Policy" && resource.name === TENANT_BOUNDARY_POLICY_NAME)!;
  const document = () => JSON.parse(policy().inputs["policy"] as string) as ReturnType<typeof tenantBoundaryPolicy>;

  it("is the managed policy the deploy policy names", () => {
    expect(policy().inputs["name"]).toBe(TENANT_BOUNDARY_POLICY_NAME);
    expect(bootstrap.outputs["tenantBoundaryPolicyArn"]).toEqual(expect.stringContaining(`:policy/${TENANT_BOUNDARY_POLICY_NAME}`));
  });

  it("allows no IAM, STS, Organizations or account action beyond passing the tenants' roles to their services, and nothing on the state", () => {
    const [all, pass, state] = document().Statement as Record<string, unknown>[];
    expect(all).toEqual({ Sid: "AllButAccountControl", Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*", "sts:*"], Resource: "*" });
    expect(pass).toMatchObject({ Effect: "Allow", Action: "iam:PassRole", Condition: { StringEquals: { "iam:PassedToService": committed.facts.passRoleServices } } });
    expect((pass!["Resource"] as string[]).every((arn) => /^arn:aws:iam::\*:role\/[a-z0-9-]+-\*$/.test(arn))).toBe(true);
    expect(state).toMatchObject({ Effect: "Deny", Action: "*", Resource: ["arn:aws:s3:::acme-pulumi-state", "arn:aws:s3:::acme-pulumi-state/*", expect.stringContaining(":key/")] });
  });

  it("has no state statement without a DIY backend", () => {
    expect(tenantBoundaryPolicy(committed.facts).Statement.map((statement) => statement.Sid)).toEqual(["AllButAccountControl", "PassTenantRoles"]);
  });
});
