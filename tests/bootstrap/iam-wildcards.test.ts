/**
 * IAM's wildcard matching as the deploy-policy check applies it (IAM User Guide,
 * reference_policies_elements_action.html and reference_policies_elements_resource.html): `*`
 * any run of characters, `?` exactly one; action names without regard to case, ARNs with, and
 * in an ARN within a colon-separated segment, except a `*` that ends its segment; any other
 * character literally. One statement grants an action when one of its patterns matches.
 */
import { describe, expect, it } from "vitest";
import { coverageGaps, grantsAction, type CheckedResource } from "../../policies/deploy-permissions/policy-coverage";
import { readsData } from "../../policies/deploy-permissions/policy-documents";
import type { PolicyDocument, PolicyStatement } from "../../policies/deploy-permissions/policy-documents";

function policy(...statements: Pick<PolicyStatement, "Action" | "Resource">[]): PolicyDocument[] {
  return [{ Version: "2012-10-17", Statement: statements.map((statement, i) => ({ Sid: `S${i}`, Effect: "Allow", ...statement })) }];
}

describe("IAM wildcards in the deploy-policy check", () => {
  it("matches an action by name, by * and by ?, without regard to case", () => {
    expect(grantsAction(policy({ Action: ["ec2:CreateVpc"], Resource: ["*"] }), "ec2:CreateVpc")).toBe(true);
    expect(grantsAction(policy({ Action: ["EC2:createvpc"], Resource: ["*"] }), "ec2:CreateVpc")).toBe(true);
    expect(grantsAction(policy({ Action: ["ec2:Create*"], Resource: ["*"] }), "ec2:CreateVpc")).toBe(true);
    expect(grantsAction(policy({ Action: ["ec2:CreateVp?"], Resource: ["*"] }), "ec2:CreateVpc")).toBe(true);
    expect(grantsAction(policy({ Action: ["ec2:CreateV?"], Resource: ["*"] }), "ec2:CreateVpc")).toBe(false);
    expect(grantsAction(policy({ Action: ["ec2:Delete*"], Resource: ["*"] }), "ec2:CreateVpc")).toBe(false);
  });

  it("grants when any pattern of a statement matches, and never with no pattern", () => {
    const statement = { Action: ["s3:GetObject", "ec2:Describe*", "iam:PassRole"], Resource: ["*"] };
    expect(grantsAction(policy(statement), "ec2:DescribeVpcs")).toBe(true);
    expect(grantsAction(policy(statement), "iam:PassRole")).toBe(true);
    expect(grantsAction(policy(statement), "iam:CreateRole")).toBe(false);
    expect(grantsAction(policy({ Action: [], Resource: ["*"] }), "")).toBe(false);
    // The same lists asked again give the same answers (the expressions are made once per list).
    expect(grantsAction(policy(statement), "ec2:DescribeVpcs")).toBe(true);
    expect(grantsAction(policy(statement), "iam:CreateRole")).toBe(false);
  });

  it("reads every other character literally: a dot is not any character", () => {
    expect(grantsAction(policy({ Action: ["ec2:Create.pc"], Resource: ["*"] }), "ec2:CreateVpc")).toBe(false);
    expect(grantsAction(policy({ Action: ["ec2:(Create|Delete)Vpc"], Resource: ["*"] }), "ec2:CreateVpc")).toBe(false);
    expect(grantsAction(policy({ Action: ["ec2:DeleteVpc|ec2:CreateVpc"], Resource: ["*"] }), "ec2:CreateVpc")).toBe(false);
  });

  it("matches a role's ARN with regard to case", () => {
    const role: CheckedResource = { type: "aws:iam/role:Role", urn: "urn:pulumi:s::p::aws:iam/role:Role::web", name: "web", props: {}, region: undefined };
    const creating = (resource: string) => coverageGaps([role], policy({ Action: ["iam:CreateRole"], Resource: [resource] })).filter((gap) => gap.message.includes("does not let it create the role"));
    const arn = coverageGaps([role], policy({ Action: ["iam:CreateRole"], Resource: ["arn:aws:iam::*:role/none-*"] }))
      .find((gap) => gap.message.includes("does not let it create the role"))!.message.split("create the role ")[1]!.replace("…", "");
    expect(creating(`arn:aws:iam::*:role/${arn}*`)).toEqual([]);
    expect(creating(`arn:aws:iam::*:role/${arn.toUpperCase()}*`)).toHaveLength(1);
    expect(creating("arn:aws:iam::*:role/*")).toEqual([]);
    expect(creating("arn:aws:iam::?:role/*")).toHaveLength(1);
  });

  it("keeps a wildcard in an ARN within its segment, unless a * ends the segment", () => {
    const role: CheckedResource = { type: "aws:iam/role:Role", urn: "urn:pulumi:s::p::aws:iam/role:Role::web", name: "web", props: {}, region: undefined };
    const creating = (resource: string) => coverageGaps([role], policy({ Action: ["iam:CreateRole"], Resource: [resource] })).filter((gap) => gap.message.includes("does not let it create the role"));
    // Within the account segment (twelve digits).
    expect(creating("arn:aws:iam::0*0:role/*")).toEqual([]);
    expect(creating("arn:aws:iam::00000000000?:role/*")).toEqual([]);
    // A * inside a segment does not reach across a colon; a ? is never one.
    expect(creating("arn:aws:i*0:role/*")).toHaveLength(1);
    expect(creating("arn:aws:iam:?000000000000:role/*")).toHaveLength(1);
    // A * that ends its segment may ("it can expand to match beyond the colon boundaries").
    expect(creating("arn:aws:iam::0*")).toEqual([]);
  });

  it("reads ? as one character when it screens a pattern for data reads, not as a regular expression's 'optional'", () => {
    expect(readsData("ssm:GetParamete?")).toBe(true);
    expect(readsData("SSM:getparameter*")).toBe(true);
    expect(readsData("s3:GetObjec")).toBe(false);
    expect(readsData("s3:Get?bject")).toBe(true);
    expect(readsData("s3:Put*")).toBe(false);
  });
});
