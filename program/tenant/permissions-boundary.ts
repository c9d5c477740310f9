/**
 * The permissions boundary every IAM role of a tenant carries: the managed policy the bootstrap
 * creates in each account (`TENANT_BOUNDARY_POLICY_NAME`, tools/bootstrap/program.ts). The deploy
 * policy lets a deploy create a role, put or attach a policy on it, or set its boundary only with
 * exactly this boundary (`iam:PermissionsBoundary`), so a role without it is refused by IAM.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { TENANT_BOUNDARY_POLICY_NAME } from "../../tenant-schema/platform-names";

/** The ARN of a customer managed policy `name` of the account whose caller identity ARN is `callerArn`. */
export function accountPolicyArn(callerArn: string, accountId: string, name: string): string {
  const partition = callerArn.split(":")[1] || "aws";
  return `arn:${partition}:iam::${accountId}:policy/${name}`;
}

/** The boundary's ARN in the account the tenant's provider deploys to (its caller identity). */
export function tenantBoundaryArn(opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
  return aws.getCallerIdentityOutput({}, opts).apply(({ arn, accountId }) => accountPolicyArn(arn, accountId, TENANT_BOUNDARY_POLICY_NAME));
}
