import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link TenantKey}. */
export interface TenantKeyArgs {
  /**
   * Alias name without the `alias/` prefix.
   * @example "tenant/acme"
   */
  alias: string;
  /**
   * Region the key lives in (created there, whatever the provider's region); CloudWatch Logs of
   * this region may use the key for log groups of this account.
   * @example "eu-central-1"
   */
  region: string;
  /**
   * Days AWS waits before deleting the key once deletion is scheduled (7–30).
   * @default 30
   */
  deletionWindowInDays?: number;
  /**
   * Tags for the key.
   * @default {}
   */
  tags?: Record<string, string>;
}

/**
 * The tenant's own customer-managed KMS key, with yearly rotation, and a key policy that lets
 * the account administer it (IAM policies grant its use), EC2 of this account encrypt volumes with
 * it, and CloudWatch Logs of the tenant's region encrypt this account's log groups with it.
 *
 * The key is stateful: losing it loses everything encrypted with it. It is `protect`ed and kept
 * in the account when removed from the program (`retainOnDelete`).
 *
 * Cost: $1/month per key plus $0.03 per 10,000 requests.
 */
export class TenantKey extends pulumi.ComponentResource {
  public readonly key: aws.kms.Key;
  public readonly keyArn: pulumi.Output<string>;
  public readonly aliasName: pulumi.Output<string>;

  constructor(name: string, args: TenantKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:kms:TenantKey", name, {}, opts);
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const policy = identity.apply(({ accountId, arn }) => {
      const partition = arn.split(":")[1] ?? "aws";
      return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AccountAdministers",
            Effect: "Allow",
            Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            // As the AWS-managed EBS key does: EC2 of this account (and Auto Scaling launching for
            // it) may encrypt volumes with the key, whichever role calls.
            Sid: "EbsVolumesThroughEc2OfThisAccount",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
            Resource: "*",
            Condition: {
              StringEquals: { "kms:CallerAccount": accountId, "kms:ViaService": `ec2.${args.region}.amazonaws.com` },
            },
          },
          {
            // Alarms publish to the tenant's encrypted alert topic.
            Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
          },
          {
            Sid: "CloudWatchLogsOfThisAccount",
            Effect: "Allow",
            Principal: { Service: `logs.${args.region}.amazonaws.com` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: {
              ArnLike: {
                "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${args.region}:${accountId}:log-group:*`,
              },
            },
          },
        ],
      });
    });
    this.key = new aws.kms.Key(`${name}-key`, {
      region: args.region,
      description: `Tenant key ${args.alias}`,
      enableKeyRotation: true,
      deletionWindowInDays: args.deletionWindowInDays ?? 30,
      policy,
      tags: args.tags,
    }, { parent: this, protect: true, retainOnDelete: true });
    const alias = new aws.kms.Alias(`${name}-alias`, {
      region: args.region,
      name: `alias/${args.alias}`,
      targetKeyId: this.key.keyId,
    }, { parent: this });
    this.keyArn = this.key.arn;
    this.aliasName = alias.name;
    this.registerOutputs({ keyArn: this.keyArn, aliasName: this.aliasName });
  }
}
