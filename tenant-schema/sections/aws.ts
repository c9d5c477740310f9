import { z } from "zod";
import { regionName } from "./aws-values";

export { AWS_REGION, regionName } from "./aws-values";

const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

/** Where the tenant lives in AWS. */
export const awsSection = z
  .strictObject({
    region: regionName.describe("Region that runs the tenant."),
    backupRegion: regionName
      .optional()
      .describe("Second region for off-site copies (backups, replicas); must differ from `region`."),
    accountId: z
      .string()
      .regex(/^\d{12}$/, { error: "must be a 12-digit AWS account id, quoted so YAML keeps it a string" })
      .optional()
      .describe("Account the tenant must be deployed to; deployment refuses any other account."),
    deployRoleArn: z
      .string()
      .regex(ROLE_ARN, { error: "must be an IAM role ARN such as arn:aws:iam::123456789012:role/platform-deployer" })
      .optional()
      .describe("Role the deployment assumes in the tenant's account (one account per tenant)."),
  })
  .describe("AWS placement of the tenant.");

/** The account id inside an IAM role ARN. */
export function accountOfRoleArn(arn: string): string | undefined {
  return ROLE_ARN.exec(arn)?.[2];
}
