/**
 * A tenant with every section on and the longest id the schema allows (28 characters), so that
 * every physical name the platform forms is checked at its longest.
 */
import { planTenant } from "../../tools/plan/run-plan";
import type { TenantPlan } from "../../policies/plan-types";
import { featureTenantYaml } from "./feature-tenant";
import { CLOUDFLARE_ACCOUNT, tempFolder, writeTenant } from "./temp-tenants";

/** 28 characters: the longest tenant id (`tenant-schema/tenant-schema.ts`). */
export const LONGEST_TENANT_ID = "northwind-traders-production";

/** An exchange partner the full tenant names (a small tenant of its own). */
export const PARTNER_TENANT_ID = "northwind-partner";

export interface FullFeatureTenantOptions {
  /** NAT strategy. @default "perZone" */
  readonly nat?: "none" | "single" | "perZone";
  /** The app's plain env, as YAML flow mapping text. @default "{ APP_ENV: production }" */
  readonly env?: string;
}

/**
 * Every section on: three zones, web with workers and schedules, Postgres with a standby and two
 * replicas, a cache with a replica, backups, monitoring with e-mails and webhooks, media, mail,
 * exchange, edge with records, WAF, cache rules, origin pulls and a health check. With
 * `nat: none` the image comes from the tenant's own ECR (the schema requires it then).
 */
export function fullFeatureTenantYaml(options: FullFeatureTenantOptions = {}): string {
  const nat = options.nat ?? "perZone";
  const image = nat === "none"
    ? "210987654321.dkr.ecr.eu-central-1.amazonaws.com/northwind/shop:3.2"
    : "ghcr.io/northwind/shop:3.2";
  return [
    "aws:",
    "  region: eu-central-1",
    "  backupRegion: eu-west-1",
    '  accountId: "210987654321"',
    "  deployRoleArn: arn:aws:iam::210987654321:role/platform-deployer",
    "network:",
    "  cidr: 10.60.0.0/16",
    "  zones: 3",
    `  nat: ${nat}`,
    "  flowLogs: { retentionDays: 90 }",
    "edge:",
    "  zone: northwind-traders.example",
    '  hostnames: ["@", www, "*", wildcard]',
    `  accountId: ${CLOUDFLARE_ACCOUNT}`,
    "  plan: business",
    "  records:",
    "    - { type: TXT, name: \"@\", content: \"google-site-verification=abc123\" }",
    "    - { type: CNAME, name: status, content: status.provider.example }",
    "  waf:",
    "    adminPaths: [{ path: /admin, allow: [203.0.113.0/24] }]",
    "    rateLimits: [{ path: /login, requests: 20, periodSeconds: 60 }]",
    "  cache: { bypassPaths: [/admin], bypassCookies: [session] }",
    "  originPulls: true",
    "web:",
    "  instanceType: t4g.medium",
    "  app:",
    `    image: ${image}`,
    "    port: 8080",
    `    env: ${options.env ?? "{ APP_ENV: production }"}`,
    '    secrets: { API_KEY: "ssm:/northwind/api-key" }',
    "  scaling:",
    "    min: 3",
    "    max: 9",
    "    requestsPerTarget: 1000",
    '    schedules: [{ name: morning-peak, cron: "0 7 * * *", min: 6 }]',
    "  healthCheck: { path: /health }",
    "  workers: { command: [shop, worker], min: 1, max: 4 }",
    "database:",
    "  engine: postgres",
    '  version: "16"',
    "  instanceClass: db.t4g.medium",
    "  standby: true",
    "  readReplicas: 2",
    "  backup: { retentionDays: 14 }",
    "cache: { nodeType: cache.t4g.small, replica: true }",
    "backup: { snapshotsKeepDays: 10, backupsKeepDays: 30 }",
    "monitoring:",
    "  alertEmails: [ops@northwind-traders.example, a.b@c.de, a@b.c.de]",
    "  webhooks: [https://hooks.chat.example/services/T1/B1, https://hooks.chat.example/services/T1/B2]",
    "media:",
    "  hostname: media",
    "  corsOrigins: [https://www.northwind-traders.example]",
    "mail:",
    "  fromAddresses: [noreply]",
    "  dmarc: { policy: quarantine, reportEmail: dmarc@northwind-traders.example }",
    "exchange:",
    `  partners: [${PARTNER_TENANT_ID}]`,
    "cost: { assumptions: { internetEgressGb: 500 } }",
    "tags: { cost-centre: retail }",
    "",
  ].join("\n");
}

/** Plans the full tenant in a folder of its own, next to its exchange partner. */
export async function planFullFeatureTenant(options: FullFeatureTenantOptions = {}): Promise<TenantPlan> {
  const dir = tempFolder();
  writeTenant(dir, LONGEST_TENANT_ID, fullFeatureTenantYaml(options));
  writeTenant(dir, PARTNER_TENANT_ID, featureTenantYaml({ account: "310987654321", zone: "partner.example", cidr: "10.70.0.0/16", partners: [LONGEST_TENANT_ID] }));
  return planTenant(LONGEST_TENANT_ID, dir);
}
