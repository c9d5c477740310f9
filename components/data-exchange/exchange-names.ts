/**
 * Names both sides of a data exchange derive from tenant ids, account ids and regions alone, so
 * neither side reads the other's state: the exporter grants the partner's app roles by account
 * and role tag, the partner finds the export bucket and key by name and alias.
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

/** Tag key every app role of a tenant (web and workers) carries, with the tenant id as its value. */
export const APP_ROLE_TAG = "tenant-platform-app-role";

/** The tags that mark a tenant's app roles, for grants that cannot know the roles' generated names. */
export function appRoleTags(tenantId: string): Record<string, string> {
  return { [APP_ROLE_TAG]: tenantId };
}

/**
 * ARN pattern of a tenant's app role: the web tier names it `<tenant>-instances` and Pulumi adds
 * a random suffix (`<tenant>-instances-1a2b3c4`), so the prefix is stable across recreation.
 */
export function appRoleArnPattern(party: ExchangeParty): string {
  return `arn:${partitionOf(party.region)}:iam::${party.accountId}:role/${party.tenantId}-instances-*`;
}

/**
 * The conditions that narrow an account-root principal to a tenant's app roles: the calling
 * principal is a role named as the tenant's app role (`aws:PrincipalArn`, which session tags
 * cannot fake) and carries the app-role tag with the tenant's id. Both survive a role's
 * recreation, where a role ARN as principal would turn into a dead unique id.
 */
export function appRoleConditions(party: ExchangeParty): { ArnLike: Record<string, string>; StringEquals: Record<string, string> } {
  return {
    ArnLike: { "aws:PrincipalArn": appRoleArnPattern(party) },
    StringEquals: { [`aws:PrincipalTag/${APP_ROLE_TAG}`]: party.tenantId },
  };
}

/** The account root of a party, the principal its grants name. */
export function accountRoot(party: ExchangeParty): string {
  return `arn:${partitionOf(party.region)}:iam::${party.accountId}:root`;
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

/** Every name {@link importEnvName} can make. */
export const IMPORT_ENV_PATTERN = /^EXCHANGE_FROM_[A-Z0-9_]+_BUCKET$/;

/** Environment variable that tells a partner's app where an exporter's data is. */
export function importEnvName(exporterId: string): string {
  return `EXCHANGE_FROM_${exporterId.toUpperCase().replace(/-/g, "_")}_BUCKET`;
}
