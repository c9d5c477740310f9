/**
 * Each component's defaults live once, in its `defaults.ts`: the component's `??` (or, where the
 * tenant schema fills an arg, the schema alone: the arg is required) and the tenant-file schema
 * take them from there, and the args' doc comments must name the same values, or the constant.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BACKUP_DEFAULTS } from "../../components/backup";
import { CACHE_DEFAULTS } from "../../components/cache";
import { EXPORT_LOCATION_DEFAULTS } from "../../components/data-exchange";
import { APP_USERS_DEFAULTS, DATABASE_DEFAULTS } from "../../components/database";
import { EDGE_DEFAULTS } from "../../components/edge";
import { MAIL_DEFAULTS } from "../../components/mail";
import { MEDIA_BUCKET_DEFAULTS } from "../../components/media-bucket";
import { MONITORING_DEFAULTS } from "../../components/monitoring";
import { NETWORK_DEFAULTS } from "../../components/network";
import { WEB_TIER_DEFAULTS } from "../../components/web-tier";
import { defaultDocProblems, documentedDefault } from "../helpers/default-docs";

const COMPONENTS = path.resolve(__dirname, "../../components");

/** Each defaults constant, with the file and interface whose doc comments document it. */
const DOCUMENTED: readonly { name: string; defaults: Record<string, unknown>; file: string; interface: string }[] = [
  { name: "DATABASE_DEFAULTS", defaults: DATABASE_DEFAULTS, file: "database/args.ts", interface: "DatabaseArgs" },
  { name: "APP_USERS_DEFAULTS", defaults: APP_USERS_DEFAULTS, file: "database/app-users.ts", interface: "AppUsersArgs" },
  { name: "CACHE_DEFAULTS", defaults: CACHE_DEFAULTS, file: "cache/cache.ts", interface: "CacheArgs" },
  { name: "WEB_TIER_DEFAULTS", defaults: WEB_TIER_DEFAULTS, file: "web-tier/args.ts", interface: "WebTierArgs" },
  { name: "EDGE_DEFAULTS", defaults: EDGE_DEFAULTS, file: "edge/args.ts", interface: "EdgeArgs" },
  { name: "MONITORING_DEFAULTS", defaults: MONITORING_DEFAULTS, file: "monitoring/monitoring.ts", interface: "MonitoringArgs" },
  { name: "BACKUP_DEFAULTS", defaults: BACKUP_DEFAULTS, file: "backup/backup.ts", interface: "BackupArgs" },
  { name: "NETWORK_DEFAULTS", defaults: NETWORK_DEFAULTS, file: "network/network.ts", interface: "NetworkArgs" },
  { name: "MAIL_DEFAULTS", defaults: MAIL_DEFAULTS, file: "mail/mail.ts", interface: "MailArgs" },
  { name: "MEDIA_BUCKET_DEFAULTS", defaults: MEDIA_BUCKET_DEFAULTS, file: "media-bucket/media-bucket.ts", interface: "MediaBucketArgs" },
  { name: "EXPORT_LOCATION_DEFAULTS", defaults: EXPORT_LOCATION_DEFAULTS, file: "data-exchange/export-location.ts", interface: "ExportLocationArgs" },
];

describe("components' defaults and their doc comments", () => {
  it.each(DOCUMENTED)("$name matches the @default of $interface", ({ name: constant, defaults, file, interface: name }) => {
    expect(defaultDocProblems(readFileSync(path.join(COMPONENTS, file), "utf8"), name, defaults, file, constant)).toEqual([]);
  });

  it("covers every defaults constant of every component", () => {
    const exported = readdirSync(COMPONENTS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && readdirSync(path.join(COMPONENTS, entry.name)).includes("defaults.ts"))
      .map((entry) => entry.name)
      .flatMap((folder) => [...readFileSync(path.join(COMPONENTS, folder, "defaults.ts"), "utf8").matchAll(/^export const (\w+)/gm)].map((m) => m[1]));
    expect(exported.length).toBeGreaterThanOrEqual(DOCUMENTED.length);
    expect([...exported].sort()).toEqual(DOCUMENTED.map((d) => d.name).sort());
  });

  it("reads the value an @default starts with", () => {
    expect(documentedDefault('"sun:03:30-sun:04:30"')).toEqual({ value: "sun:03:30-sun:04:30" });
    expect(documentedDefault("2592000 (30 days)")).toEqual({ value: 2592000 });
    expect(documentedDefault('{ policy: "none" } (reports only)')).toEqual({ value: { policy: "none" } });
    expect(documentedDefault("[] (any address of the domain)")).toEqual({ value: [] });
    expect(documentedDefault("one year, no subdomains")).toBeUndefined();
  });

  const source = `
    /** Nested. */
    export interface InnerArgs {
      /** Seconds. @default 15 */
      intervalSeconds?: number;
    }
    /** Outer. */
    export interface OuterArgs {
      /** Daily window. @default "02:00-03:00" */
      window?: string;
      /** Kept days. @default 7 */
      days?: number;
      /** No default documented. */
      flag?: boolean;
      inner?: InnerArgs;
    }`;

  it("passes doc comments that name the constant's values, nested interfaces field by field", () => {
    expect(defaultDocProblems(source, "OuterArgs", { window: "02:00-03:00", days: 7, inner: { intervalSeconds: 15 } })).toEqual([]);
  });

  it("names each @default that differs from the constant, is missing, or documents no property", () => {
    expect(defaultDocProblems(source, "OuterArgs", { window: "03:00-04:00", days: 7, flag: true, inner: { intervalSeconds: 30 }, gone: 1 })).toEqual([
      'args.ts: OuterArgs.window documents @default "02:00-03:00", but the component\'s default is "03:00-04:00" (OuterArgs.window)',
      "args.ts: OuterArgs.flag has no @default; the component's default is true (OuterArgs.flag)",
      "args.ts: InnerArgs.intervalSeconds documents @default 15, but the component's default is 30 (OuterArgs.inner.intervalSeconds)",
      "args.ts: OuterArgs has no property gone (OuterArgs.gone)",
    ]);
  });

  const filled = `
    /** Nested. */
    export interface InnerArgs {
      /** Seconds; the tenant schema's default is \`OUTER_DEFAULTS.inner.intervalSeconds\`. */
      intervalSeconds: number;
    }
    /** Outer. */
    export interface OuterArgs {
      /** Daily window; the tenant schema's default is \`OUTER_DEFAULTS.window\`. */
      window: string;
      /** Kept days; the tenant schema's default is \`OUTER_DEFAULTS.days\`. */
      days?: number;
      /** Retries; the tenant schema's default is \`OUTER_DEFAULTS.inner.retries\`. */
      retries: number;
      inner: InnerArgs;
    }`;
  const values = { window: "02:00-03:00", inner: { intervalSeconds: 15 } };

  it("passes a required arg whose doc comment names its field of the constant, nested interfaces too", () => {
    expect(defaultDocProblems(filled, "OuterArgs", values, "args.ts", "OUTER_DEFAULTS")).toEqual([]);
  });

  it("names an arg that names the constant but is optional, and one that names another field of it", () => {
    expect(defaultDocProblems(filled, "OuterArgs", { ...values, days: 7, retries: 3 }, "args.ts", "OUTER_DEFAULTS")).toEqual([
      "args.ts: OuterArgs.days names OUTER_DEFAULTS.days but is optional: the component has no fallback, so it must be required (OuterArgs.days)",
      "args.ts: OuterArgs.retries has no @default; the component's default is 3 (OuterArgs.retries)",
    ]);
  });
});
