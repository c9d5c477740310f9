/**
 * The tenant file schema: one strict zod schema (unknown keys are errors, defaults filled in)
 * with the cross-field rules that need more than one section. The JSON Schema for editors is
 * generated from it (`npm run schema`).
 */
import { z } from "zod";
import { accountOfRoleArn, awsSection } from "./sections/aws";
import { edgeSection } from "./sections/edge";
import { networkSection } from "./sections/network";
import { checkWeb } from "./rules/web-rules";
import { webSection } from "./sections/web";
import { cacheSection, databaseSection } from "./sections/database";
import { checkDatabase } from "./rules/database-rules";
import { checkEdge } from "./rules/edge-rules";
import { checkOnceEach } from "./rules/once-each";
import { checkApp } from "./rules/app-rules";
import { checkRecords } from "./rules/record-rules";
import { monitoringSection } from "./sections/monitoring";
import { backupSection } from "./sections/backup";
import { exchangeSection } from "./sections/exchange";
import { mailSection } from "./sections/mail";
import { mediaSection } from "./sections/media";
import { checkFeatures } from "./rules/feature-rules";
import { PRESET_NAMES } from "./presets";
import { costSection } from "./sections/cost";
import { offboardingSection } from "./sections/offboarding";
import { isCommercialRegion, usableZoneCount, zonesOf } from "../components/shared/aws-catalog";

/**
 * Tenant ids: lowercase DNS-label style, 3–28 characters, no double hyphen (RDS and ElastiCache
 * identifiers refuse one), so derived resource names stay valid and short.
 */
export const TENANT_ID = /^(?!.*--)[a-z][a-z0-9-]{1,26}[a-z0-9]$/;

/** Tag keys the platform sets itself and a tenant file may not override. */
export const RESERVED_TAG_KEYS = ["tenant", "managed-by", "Name"] as const;

/** Tag key prefix the platform keeps for itself (app-role tags that grants rely on, replacement intents). */
export const RESERVED_TAG_PREFIX = "tenant-platform";

const tags = z
  .record(
    z.string().regex(/^(?!aws:)[\w .:/=+@-]{1,128}$/i, {
      error: "tag keys are 1–128 letters, digits, spaces or _ . : / = + - @, and may not start with aws:",
    }),
    z.string().max(256, { error: "tag values are at most 256 characters" }),
  )
  .optional()
  .describe("Extra tags on every AWS resource of the tenant (cost centre, owner…).");

const tenantObject = z.strictObject({
  preset: z.enum(PRESET_NAMES).optional()
    .describe("Size preset the file starts from (small, medium, large): sizing of network, web, database and cache under the file's own values."),
  aws: awsSection,
  network: networkSection,
  edge: edgeSection,
  web: webSection.optional(),
  database: databaseSection.optional(),
  cache: cacheSection.optional(),
  monitoring: monitoringSection.optional(),
  backup: backupSection.optional(),
  media: mediaSection.optional(),
  mail: mailSection.optional(),
  exchange: exchangeSection.optional(),
  cost: costSection.optional(),
  offboarding: offboardingSection,
  tags,
});

/** The whole tenant file, with the rules that relate its sections. */
export const tenantSchema = tenantObject
  .superRefine((spec, ctx) => {
    const { region, backupRegion, accountId, deployRoleArn } = spec.aws;
    if (backupRegion !== undefined && backupRegion === region) {
      ctx.addIssue({
        code: "custom",
        path: ["aws", "backupRegion"],
        message: `must differ from aws.region (${region}): off-site copies need another region`,
      });
    }
    if (accountId !== undefined && deployRoleArn !== undefined && accountOfRoleArn(deployRoleArn) !== accountId) {
      ctx.addIssue({
        code: "custom",
        path: ["aws", "deployRoleArn"],
        message: `is a role in account ${accountOfRoleArn(deployRoleArn)}, but aws.accountId is ${accountId}`,
      });
    }
    const zones = spec.network.zones;
    if (typeof zones === "number" && isCommercialRegion(region) && zones > usableZoneCount(region)) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "zones"],
        message: `asks for ${zones} zones, but an account has ${usableZoneCount(region)} in ${region}; use network.zones: ${usableZoneCount(region)}`,
      });
    }
    if (Array.isArray(zones)) {
      const letters = new Map<string, number>();
      zones.forEach((zone, index) => {
        if (zone.slice(0, -1) !== region) {
          ctx.addIssue({
            code: "custom",
            path: ["network", "zones", index],
            message: `"${zone}" is not in aws.region ${region}; use zones such as ${region}a`,
          });
        } else if (isCommercialRegion(region) && !zonesOf(region).includes(zone)) {
          ctx.addIssue({
            code: "custom",
            path: ["network", "zones", index],
            message: `"${zone}" is not an availability zone of ${region}; its zones are ${zonesOf(region).join(", ")}`,
          });
        }
        const letter = zone.slice(-1);
        const first = letters.get(letter);
        if (first !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["network", "zones", index],
            message: `"${zone}" repeats zone letter "${letter}" of network.zones[${first}]; each zone is listed once`,
          });
        } else {
          letters.set(letter, index);
        }
      });
    }
    const seen = new Map<string, number>();
    spec.edge.hostnames.forEach((hostname, index) => {
      const first = seen.get(hostname);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["edge", "hostnames", index],
          message: `"${hostname}" is listed twice (also edge.hostnames[${first}]); each hostname once`,
        });
      } else {
        seen.set(hostname, index);
      }
      if (hostname === spec.edge.zone || hostname.endsWith(`.${spec.edge.zone}`)) {
        const relative = hostname === spec.edge.zone ? "@" : hostname.slice(0, -spec.edge.zone.length - 1);
        ctx.addIssue({
          code: "custom",
          path: ["edge", "hostnames", index],
          message: `hostnames are relative to edge.zone: write "${relative}" instead of "${hostname}"`,
        });
      }
    });
    checkWeb(spec, ctx);
    checkDatabase(spec, ctx);
    checkEdge(spec, ctx);
    checkRecords(spec, ctx);
    checkApp(spec, ctx);
    checkFeatures(spec, ctx);
    checkOnceEach(spec, ctx);
    if (spec.monitoring && spec.monitoring.alertEmails.length + spec.monitoring.webhooks.length === 0) {
      ctx.addIssue({ code: "custom", path: ["monitoring"], message: "alerts nobody: give alertEmails or webhooks" });
    }
    if (spec.backup && !backupRegion) {
      ctx.addIssue({ code: "custom", path: ["backup"], message: "copies off-site to aws.backupRegion: set it (a region other than aws.region)" });
    }
    for (const key of Object.keys(spec.tags ?? {})) {
      if ((RESERVED_TAG_KEYS as readonly string[]).includes(key) || key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
        ctx.addIssue({
          code: "custom",
          path: ["tags", key],
          message: `tag "${key}" is set by the platform; choose another key (reserved: ${RESERVED_TAG_KEYS.join(", ")} and keys starting with ${RESERVED_TAG_PREFIX})`,
        });
      }
    }
  });

/** A validated tenant file with defaults filled in. */
export type TenantFileSpec = z.output<typeof tenantSchema>;

/** A validated tenant: the file's content plus the id taken from its file name. */
export interface TenantSpec extends TenantFileSpec {
  /** Tenant id = file name without `.yaml` = stack name. */
  readonly id: string;
}
