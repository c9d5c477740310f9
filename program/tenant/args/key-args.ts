/** The tenant file → the arguments of its KMS keys. */
import type { TenantKeyArgs } from "../../../components/tenant-key";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";

/** The tenant key, in the tenant's region: it encrypts everything the tenant keeps. */
export function tenantKeyArgs(spec: TenantSpec): TenantKeyArgs {
  return { alias: `tenant/${spec.id}`, region: spec.aws.region };
}

/** Logical name of the off-site key (its component's name). */
export function offsiteKeyName(tenantId: string): string {
  return `${tenantId}-offsite`;
}

/** The off-site key, in the backup region, for the copies there; none without backups off-site. */
export function offsiteKeyArgs(spec: TenantSpec): TenantKeyArgs | undefined {
  if (!spec.backup || !spec.aws.backupRegion) return undefined;
  return { alias: `tenant/${offsiteKeyName(spec.id)}`, region: spec.aws.backupRegion };
}
