import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createSecureBucket } from "../shared/secure-bucket";
import { EXPORT_LOCATION_DEFAULTS } from "./defaults";
import { exportBucketName, exportKeyAlias, type ExchangeParty } from "./exchange-names";
import { exportBucketStatements, exportKeyPolicy, exportWriterPolicy } from "./exchange-policies";

/** Arguments of {@link ExportLocation}. */
export interface ExportLocationArgs {
  /** The exporting tenant (its id, account and region name the bucket and key). */
  exporter: ExchangeParty;
  /** Tenants whose app roles may read. Empty grants nobody. */
  partners: ExchangeParty[];
  /** Role (name) of the exporter's app, which writes. @default none */
  writerRoleName?: pulumi.Input<string>;
  /** Days an exported object is kept. @default 30 */
  keepDays?: number;
  /** Tags for the bucket and key. @default {} */
  tags?: Record<string, string>;
}

/**
 * Where a tenant puts data for its partners: a bucket named `<tenant>-exchange-<account>`,
 * versioned, encrypted with its own KMS key (alias `tenant/<id>-exchange`), public access blocked,
 * TLS only, and readable by exactly the partners' app roles. The grants are recomputed from the
 * partner list at every deploy: a partner removed from it loses access on the next deploy. The
 * bucket and key are `protect`ed and kept when removed from the program.
 */
export class ExportLocation extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: ExportLocationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:exchange:ExportLocation", name, {}, opts);
    const parent = { parent: this };
    const { exporter, partners } = args;
    const region = exporter.region;

    const key = new aws.kms.Key(`${name}-exchange`, {
      region,
      description: `Exchange data of tenant ${exporter.tenantId}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify(exportKeyPolicy(exporter, partners)),
      tags: args.tags,
    }, { parent: this, protect: true, retainOnDelete: true });
    new aws.kms.Alias(`${name}-exchange`, { region, name: exportKeyAlias(exporter.tenantId), targetKeyId: key.keyId }, parent);

    const { bucket } = createSecureBucket(`${name}-exchange`, {
      region,
      bucketName: exportBucketName(exporter),
      kmsKeyArn: key.arn,
      noncurrentVersionDays: 7,
      expireAfterDays: args.keepDays ?? EXPORT_LOCATION_DEFAULTS.keepDays,
      policyStatements: (bucketArn) => exportBucketStatements(bucketArn, partners),
      tags: args.tags,
    }, this);

    if (args.writerRoleName !== undefined) {
      new aws.iam.RolePolicy(`${name}-exchange-writer`, {
        role: args.writerRoleName,
        policy: pulumi.all([bucket.arn, key.arn]).apply(([bucketArn, keyArn]) => JSON.stringify(exportWriterPolicy(bucketArn, keyArn))),
      }, parent);
    }
    this.bucketName = bucket.bucket;
    this.keyArn = key.arn;
    this.registerOutputs({ bucketName: this.bucketName, keyArn: this.keyArn });
  }
}
