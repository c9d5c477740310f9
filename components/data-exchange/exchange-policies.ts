/** Policy documents of a data exchange, as pure functions of the parties (tested directly). */
import type { BucketPolicyStatement } from "../shared/bucket-policy-statement";
import { accountRoot, appRoleConditions, exportBucketArn, exportKeyAlias, partitionOf, type ExchangeParty } from "./exchange-names";

/** A Sid-safe form of a tenant id. */
function sidOf(tenantId: string): string {
  return tenantId.replace(/[^A-Za-z0-9]/g, "");
}

/**
 * Read access to the export bucket for exactly the partners' app roles: listing the bucket and
 * getting objects. The principal is the partner's account, narrowed to the partner's app roles by
 * their name prefix and app-role tag, so a grant stays valid while the partner's roles are recreated (a role ARN
 * principal would turn into a dead unique id) and names nothing else of that account.
 */
export function exportBucketStatements(bucketArn: string, partners: readonly ExchangeParty[]): BucketPolicyStatement[] {
  return [...partners]
    .sort((a, b) => a.tenantId.localeCompare(b.tenantId))
    .flatMap((partner) => {
      const principal = { AWS: accountRoot(partner) };
      const condition = appRoleConditions(partner);
      return [
        { Sid: `PartnerList${sidOf(partner.tenantId)}`, Effect: "Allow" as const, Principal: principal, Action: "s3:ListBucket", Resource: bucketArn, Condition: condition },
        { Sid: `PartnerRead${sidOf(partner.tenantId)}`, Effect: "Allow" as const, Principal: principal, Action: "s3:GetObject", Resource: `${bucketArn}/*`, Condition: condition },
      ];
    });
}

/** The app-role conditions, also requiring the call to come through S3 of `region`. */
function throughS3(conditions: ReturnType<typeof appRoleConditions>, region: string) {
  return { ArnLike: conditions.ArnLike, StringEquals: { ...conditions.StringEquals, "kms:ViaService": `s3.${region}.amazonaws.com` } };
}

/**
 * Key policy of the export key: the exporter's account administers it; partners' app roles may
 * decrypt, only through S3 of the exporter's region.
 */
export function exportKeyPolicy(exporter: ExchangeParty, partners: readonly ExchangeParty[]): object {
  const grants = [...partners].sort((a, b) => a.tenantId.localeCompare(b.tenantId)).map((partner) => ({
    Sid: `PartnerDecrypt${sidOf(partner.tenantId)}`,
    Effect: "Allow",
    Principal: { AWS: accountRoot(partner) },
    Action: "kms:Decrypt",
    Resource: "*",
    Condition: throughS3(appRoleConditions(partner), exporter.region),
  }));
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: accountRoot(exporter) }, Action: "kms:*", Resource: "*" },
      ...grants,
    ],
  };
}

/**
 * The exporter's own app: write, read, delete and list its export bucket, and use the export key
 * through S3 of the key's region only (S3 calls KMS for SSE-KMS objects on the caller's behalf, so
 * the app never calls KMS itself and needs no KMS endpoint).
 */
export function exportWriterPolicy(bucketArn: string, keyArn: string): object {
  const region = keyArn.split(":")[3];
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ExportObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], Resource: `${bucketArn}/*` },
      { Sid: "ExportListing", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
      {
        Sid: "ExportKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
        Resource: keyArn,
        Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
      },
    ],
  };
}

/**
 * The partner side: its app roles may read each exporter's bucket and decrypt with the key that
 * carries the exporter's export alias, through S3 only. Cross-account reads need this identity
 * policy as well as the exporter's grant; either side removing its half ends the access.
 */
export function importReadPolicy(exporters: readonly ExchangeParty[]): object {
  const sorted = [...exporters].sort((a, b) => a.tenantId.localeCompare(b.tenantId));
  return {
    Version: "2012-10-17",
    Statement: sorted.flatMap((exporter) => {
      const bucketArn = exportBucketArn(exporter);
      return [
        { Sid: `ListFrom${sidOf(exporter.tenantId)}`, Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
        { Sid: `ReadFrom${sidOf(exporter.tenantId)}`, Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/*` },
        {
          Sid: `DecryptFrom${sidOf(exporter.tenantId)}`,
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: `arn:${partitionOf(exporter.region)}:kms:${exporter.region}:${exporter.accountId}:key/*`,
          Condition: {
            "ForAnyValue:StringEquals": { "kms:ResourceAliases": exportKeyAlias(exporter.tenantId) },
            StringEquals: { "kms:ViaService": `s3.${exporter.region}.amazonaws.com` },
          },
        },
      ];
    }),
  };
}
