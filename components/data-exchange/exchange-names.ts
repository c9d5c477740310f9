/**
 * Names both sides of a data exchange derive from tenant ids, account ids and regions alone, so
 * neither side reads the other's state: the exporter grants the partner's roles by ARN pattern,
 * the partner finds the export bucket and key by name and alias.
 */

/** An end of an exchange: a tenant, its account and region. */
export interface ExchangeParty {
  readonly tenantId: string;
  readonly accountId: string;
  readonly region: string;
}

/** The AWS partition of a region (`aws`, `aws-cn`, `aws-us-gov`, …). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}

/** IAM path of a tenant's app roles: `/tenant/<id>/`. */
export function appRolePath(tenantId: string): string {
  return `/tenant/${tenantId}/`;
}

/** ARN pattern matching every app role of a tenant (web and workers). */
export function appRoleArnPattern(party: ExchangeParty): string {
  return `arn:${partitionOf(party.region)}:iam::${party.accountId}:role${appRolePath(party.tenantId)}*`;
}

/** The exporter's bucket: `<tenant>-exchange-<account>` (at most 28 + 10 + 12 = 50 characters). */
export function exportBucketName(exporter: ExchangeParty): string {
  return `${exporter.tenantId}-exchange-${exporter.accountId}`;
}

/** ARN of the exporter's bucket. */
export function exportBucketArn(exporter: ExchangeParty): string {
  return `arn:${partitionOf(exporter.region)}:s3:::${exportBucketName(exporter)}`;
}

/** Alias of the key that encrypts the export bucket. */
export function exportKeyAlias(tenantId: string): string {
  return `alias/tenant/${tenantId}-exchange`;
}

/** Environment variable that tells a partner's app where an exporter's data is. */
export function importEnvName(exporterId: string): string {
  return `EXCHANGE_FROM_${exporterId.toUpperCase().replace(/-/g, "_")}_BUCKET`;
}
