/**
 * What a tenant file declares that some rules compare the stack with: the database's standby and
 * backup retention, the backup retention, the web hostnames and the Cloudflare plan. Derived from
 * the validated tenant spec, so the offline plan and the CrossGuard pack (which reads the stack's
 * tenant file) compare with the same values.
 */
import { PLAN_LIMITS, type CloudflarePlan } from "../components/edge/plans";
import { qualifyHostname } from "../tenant-schema/sections/edge";
import type { TenantSpec } from "../tenant-schema/tenant-schema";

/** The declarations rules compare with. */
export interface TenantDeclarations {
  /** The database section, when the tenant has one. */
  readonly database?: {
    /** Multi-AZ standby asked for (`database.standby`). */
    readonly standby: boolean;
    /** Days of automated backups asked for (`database.backup.retentionDays`). */
    readonly backupRetentionDays: number;
  };
  /** The backup section, when the tenant has one. */
  readonly backup?: {
    /** Days daily recovery points stay in the tenant's region (`backup.snapshotsKeepDays`). */
    readonly snapshotsKeepDays: number;
    /** Days the off-site copies are kept (`backup.backupsKeepDays`). */
    readonly backupsKeepDays: number;
    /** Region of the off-site copies (`aws.backupRegion`). */
    readonly offsiteRegion: string;
  };
  /** Fully qualified web hostnames (`edge.hostnames` in `edge.zone`). */
  readonly hostnames: readonly string[];
  /** The zone's Cloudflare plan (`edge.plan`). */
  readonly zonePlan: CloudflarePlan;
  /**
   * The hosting that serves the web hostnames, unproxied, until a created zone's cutover
   * (`edge.currentOrigin` while `edge.delegated` is not true). @default undefined
   */
  readonly currentOrigin?: string;
  /** The application's container image as the file names it (`web.app.image`), when the tenant has a web tier. @default undefined */
  readonly image?: string;
}

/** The declarations of a validated tenant. */
export function declarationsFromSpec(spec: TenantSpec): TenantDeclarations {
  return {
    database: spec.database ? { standby: spec.database.standby, backupRetentionDays: spec.database.backup.retentionDays } : undefined,
    backup: spec.backup && spec.aws.backupRegion
      ? { snapshotsKeepDays: spec.backup.snapshotsKeepDays, backupsKeepDays: spec.backup.backupsKeepDays, offsiteRegion: spec.aws.backupRegion }
      : undefined,
    hostnames: spec.edge.hostnames.map((hostname) => qualifyHostname(hostname, spec.edge.zone)),
    zonePlan: spec.edge.plan,
    currentOrigin: (spec.edge.delegated ?? spec.edge.zoneId !== undefined) ? undefined : spec.edge.currentOrigin,
    image: spec.web?.app.image,
  };
}

/** True for the plans that include Cloudflare's Managed ruleset (Pro and up; Free has only the Free Managed ruleset). */
export function planRunsManagedRulesets(plan: CloudflarePlan): boolean {
  return PLAN_LIMITS[plan].managedRulesets;
}
