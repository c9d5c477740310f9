/**
 * Each component's defaults constant fits the args it is the default of: every key is an arg,
 * every value the arg's type. The defaults files import nothing (the tenant schema and the policy
 * pack load them without the components and their SDKs), so the check lives here, where
 * `tsc --noEmit -p .` (the first step of `npm test`) compiles it: a default that no longer fits
 * its arg fails the build.
 */
import { describe, expect, it } from "vitest";
import { BACKUP_DEFAULTS } from "../../components/backup/defaults";
import type { BackupArgs } from "../../components/backup/backup";
import { CACHE_DEFAULTS } from "../../components/cache/defaults";
import type { CacheArgs } from "../../components/cache/cache";
import { EXPORT_LOCATION_DEFAULTS } from "../../components/data-exchange/defaults";
import type { ExportLocationArgs } from "../../components/data-exchange/export-location";
import { APP_USERS_DEFAULTS, DATABASE_DEFAULTS } from "../../components/database/defaults";
import type { AppUsersArgs } from "../../components/database/app-users";
import type { DatabaseArgs } from "../../components/database/args";
import { EDGE_DEFAULTS } from "../../components/edge/defaults";
import type { EdgeArgs } from "../../components/edge/args";
import { MAIL_DEFAULTS } from "../../components/mail/defaults";
import type { MailArgs } from "../../components/mail/mail";
import { MEDIA_BUCKET_DEFAULTS } from "../../components/media-bucket/defaults";
import type { MediaBucketArgs } from "../../components/media-bucket/media-bucket";
import { MONITORING_DEFAULTS } from "../../components/monitoring/defaults";
import type { AlarmThresholds, MonitoringArgs } from "../../components/monitoring/monitoring";
import { NETWORK_DEFAULTS } from "../../components/network/defaults";
import type { NetworkArgs, NetworkFlowLogsArgs } from "../../components/network/network";
import { WEB_TIER_DEFAULTS } from "../../components/web-tier/defaults";
import type { HealthCheckArgs, LoadBalancerArgs, ScalingArgs, WorkersArgs } from "../../components/web-tier/args";

/**
 * `defaults` itself, compiling only when each of its keys is a key of `Args` and each value fits
 * that arg's type (what `defaults satisfies Partial<Args>` checks of an object literal).
 */
const defaultsOf =
  <Args>() =>
  <Defaults extends Partial<Args> & Record<Exclude<keyof Defaults, keyof Args>, never>>(defaults: Defaults): Defaults =>
    defaults;

/** Required: `thresholds` names every alarm's threshold, and `flowLogs` is a whole setting. */
const fullyOf =
  <Args>() =>
  <Defaults extends Args & Record<Exclude<keyof Defaults, keyof Args>, never>>(defaults: Defaults): Defaults =>
    defaults;

describe("components' defaults constants", () => {
  it("fit the args they are the defaults of", () => {
    const checked = [
      defaultsOf<BackupArgs>()(BACKUP_DEFAULTS),
      defaultsOf<CacheArgs>()(CACHE_DEFAULTS),
      defaultsOf<ExportLocationArgs>()(EXPORT_LOCATION_DEFAULTS),
      defaultsOf<DatabaseArgs>()(DATABASE_DEFAULTS),
      defaultsOf<AppUsersArgs>()(APP_USERS_DEFAULTS),
      defaultsOf<EdgeArgs>()(EDGE_DEFAULTS),
      defaultsOf<MailArgs>()(MAIL_DEFAULTS),
      defaultsOf<MediaBucketArgs>()(MEDIA_BUCKET_DEFAULTS),
      defaultsOf<MonitoringArgs>()(MONITORING_DEFAULTS),
      fullyOf<Required<AlarmThresholds>>()(MONITORING_DEFAULTS.thresholds),
      defaultsOf<NetworkArgs>()(NETWORK_DEFAULTS),
      fullyOf<NetworkFlowLogsArgs>()(NETWORK_DEFAULTS.flowLogs),
      defaultsOf<ScalingArgs>()(WEB_TIER_DEFAULTS.scaling),
      defaultsOf<LoadBalancerArgs>()(WEB_TIER_DEFAULTS.loadBalancer),
      defaultsOf<HealthCheckArgs>()(WEB_TIER_DEFAULTS.healthCheck),
      defaultsOf<WorkersArgs>()(WEB_TIER_DEFAULTS.workers),
    ];
    expect(checked.every((defaults) => Object.keys(defaults).length > 0)).toBe(true);
  });

  it("would not compile with a key that is no arg, a value of another type, or a missing threshold", () => {
    // @ts-expect-error -- `gone` is no arg of BackupArgs
    defaultsOf<BackupArgs>()({ ...BACKUP_DEFAULTS, gone: 1 });
    // @ts-expect-error -- snapshotsKeepDays is a number
    defaultsOf<BackupArgs>()({ ...BACKUP_DEFAULTS, snapshotsKeepDays: "10" });
    const withoutCpu: Omit<typeof MONITORING_DEFAULTS.thresholds, "cpuPercent"> = MONITORING_DEFAULTS.thresholds;
    // @ts-expect-error -- cpuPercent is left out
    fullyOf<Required<AlarmThresholds>>()(withoutCpu);
  });
});
