/**
 * `role-trusts-only-services`: a tenant role's trust policy names only AWS services, whatever form
 * the other principals take, and every sample tenant's roles pass.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { roleTrustsOnlyServices } from "../../policies/rules/role-trust";
import { runRules } from "../../policies/run-offline";
import { planFleets } from "../../tools/bootstrap/fleet-plans";
import type { TenantPlan } from "../../policies/plan-types";

const ROLE = "aws:iam/role:Role";
const SUFFIX = ": a tenant role may be assumed only by AWS services (Principal.Service); the deploy policy cannot stop another account from being trusted, so this check does";

function check(assumeRolePolicy: unknown): string[] {
  return roleTrustsOnlyServices.check({ type: ROLE, props: { assumeRolePolicy }, urn: `urn:pulumi:s::p::${ROLE}::r`, name: "r", opts: {} as never });
}

const trust = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (principal: Record<string, unknown>) => ({ Effect: "Allow", Action: "sts:AssumeRole", ...principal });

describe("role-trusts-only-services", () => {
  it("passes service principals, as a string or a list, as JSON text or an object", () => {
    expect(check(trust(allow({ Principal: { Service: "ec2.amazonaws.com" } })))).toEqual([]);
    expect(check({ Statement: allow({ Principal: { Service: ["backup.amazonaws.com", "s3.amazonaws.com"] } }) })).toEqual([]);
  });

  it("refuses everyone, another account (string and list) and a federated identity", () => {
    expect(check(trust(allow({ Principal: "*" })))).toEqual([`statement 0 trusts Principal "*"${SUFFIX}`]);
    expect(check(trust(allow({ Principal: { AWS: "*" } })))).toEqual([`statement 0 trusts AWS *${SUFFIX}`]);
    expect(check(trust(allow({ Sid: "Partner", Principal: { AWS: "arn:aws:iam::210987654321:root" } })))).toEqual([`statement "Partner" trusts AWS arn:aws:iam::210987654321:root${SUFFIX}`]);
    expect(check(trust(
      allow({ Principal: { Service: "ec2.amazonaws.com" } }),
      allow({ Principal: { Service: "lambda.amazonaws.com", AWS: ["210987654321", "arn:aws:iam::111122223333:role/ops"] } }),
    ))).toEqual([`statement 1 trusts AWS 210987654321, arn:aws:iam::111122223333:role/ops${SUFFIX}`]);
    expect(check(trust({ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" } })))
      .toEqual([`statement 0 trusts Federated arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com${SUFFIX}`]);
  });

  it("refuses NotPrincipal, and leaves a Deny statement's principals alone", () => {
    expect(check(trust(allow({ NotPrincipal: { Service: "ec2.amazonaws.com" } })))).toEqual([
      `statement 0 uses NotPrincipal (everyone but the named principals; IAM refuses it in a trust policy)${SUFFIX}`,
    ]);
    expect(check(trust(allow({ Principal: { Service: "ec2.amazonaws.com" } }), { Effect: "Deny", Action: "sts:AssumeRole", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }))).toEqual([]);
  });

  it("refuses a trust policy it cannot read", () => {
    expect(check("{not json")).toEqual(["the trust policy (assumeRolePolicy) cannot be read as a policy document with statements"]);
  });

  describe("over the sample tenants' plans", () => {
    let plans: TenantPlan[];
    beforeAll(async () => {
      plans = await planFleets(["samples"]);
    });

    it("finds nothing: every role the components create trusts a service", () => {
      expect(plans.flatMap((plan) => plan.resources.filter((resource) => resource.type === ROLE)).length).toBeGreaterThan(20);
      for (const plan of plans) expect(runRules(plan, [roleTrustsOnlyServices]), plan.tenant).toEqual([]);
    });

    it("refuses a sample role whose trust gains another account", () => {
      const plan = plans.find((candidate) => candidate.tenant === "example")!;
      const resources = plan.resources.map((resource) => {
        if (resource.type !== ROLE) return resource;
        const document = JSON.parse(resource.inputs["assumeRolePolicy"] as string) as { Statement: Record<string, unknown>[] };
        document.Statement.push(allow({ Principal: { AWS: "arn:aws:iam::210987654321:root" } }));
        return { ...resource, inputs: { ...resource.inputs, assumeRolePolicy: JSON.stringify(document) } };
      });
      const roles = resources.filter((resource) => resource.type === ROLE).length;
      expect(runRules({ ...plan, resources }, [roleTrustsOnlyServices]).map((violation) => violation.rule)).toEqual(Array(roles).fill("role-trusts-only-services"));
    });
  });
});
