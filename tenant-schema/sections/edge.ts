import { z } from "zod";
import { EDGE_DEFAULTS } from "../../components/edge/defaults";
import { CLOUDFLARE_PLANS, MITIGATION_TIMEOUTS } from "../../components/edge/plans";

const LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

/** A DNS zone such as `acme.example`: two or more lowercase labels. */
export const DOMAIN_NAME = new RegExp(`^(${LABEL}\\.)+[a-z][a-z0-9-]{0,62}$`);

/** A hostname relative to the zone: `@` for the apex, `www`, `shop.eu`, or `*` for a wildcard. */
export const RELATIVE_HOSTNAME = new RegExp(`^(@|(\\*\\.)?${LABEL}(\\.${LABEL})*|\\*)$`);

const CLOUDFLARE_ID = /^[0-9a-f]{32}$/;
const URL_PATH = /^\/[\w./~%-]*$/;
const IP_CIDR = /^([0-9]{1,3}(\.[0-9]{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+(\/\d{1,3})?)$/;

/** A record name relative to the zone: as a hostname, but labels may start with `_` (`_dmarc`, `s1._domainkey`). */
export const RELATIVE_RECORD_NAME = new RegExp(`^(@|(\\*\\.)?_?${LABEL}(\\._?${LABEL})*|\\*)$`);

const recordName = z.string().regex(RELATIVE_RECORD_NAME, {
  error: 'must be "@" (the zone apex), a name relative to the zone such as www, _dmarc or s1._domainkey, or a wildcard such as *.eu',
});

const relativeName = z.string().regex(RELATIVE_HOSTNAME, {
  error: 'must be "@" (the zone apex), a name relative to the zone such as www or shop-eu, or "*" for a wildcard (one label below the zone: Universal SSL covers no deeper name)',
});

const extraRecord = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("MX"),
    name: recordName.default("@"),
    content: z.string().regex(DOMAIN_NAME, { error: "must be a mail server's host name" }),
    priority: z.number().int().min(0).max(65535),
    ttl: z.number().int().min(60).max(86400).default(3600),
  }),
  z.strictObject({
    type: z.literal("TXT"),
    name: recordName.default("@"),
    content: z.string().min(1).max(2048),
    ttl: z.number().int().min(60).max(86400).default(3600),
  }),
  z.strictObject({
    type: z.enum(["CNAME", "A", "AAAA"]),
    name: recordName,
    content: z.string().min(1),
    proxied: z.boolean().default(false).describe("Through Cloudflare (web traffic only)."),
    ttl: z.number().int().min(60).max(86400).default(300),
  }),
], { error: "must have type MX, TXT, CNAME, A or AAAA" });

const adminPath = z.strictObject({
  path: z.string().regex(URL_PATH, { error: "must be a path such as /admin" }),
  allow: z.array(z.string().regex(IP_CIDR, { error: "must be an IP address or CIDR block" })).min(1)
    .describe("Addresses allowed to reach the path; everyone else is blocked at the edge."),
});

const rateLimit = z.strictObject({
  path: z.string().regex(URL_PATH, { error: "must be a path such as /login" }),
  requests: z.number().int().min(1).max(100000).describe("Requests one client may make per period."),
  periodSeconds: z.union([z.literal(10), z.literal(60), z.literal(120), z.literal(300), z.literal(600), z.literal(3600)], {
    // Cloudflare supports more periods (10 to 86400 s: developers.cloudflare.com, partial
    // waf/rate-limiting-availability-by-plan.mdx, footnote 3); the platform offers these.
    error: "must be one of the periods the platform offers: 10, 60, 120, 300, 600 or 3600",
  }).default(10),
  mitigationSeconds: z.union([z.literal(0), ...MITIGATION_TIMEOUTS.map((seconds) => z.literal(seconds))], {
    error: `must be one of ${MITIGATION_TIMEOUTS.join(", ")} (or 0 to throttle, Enterprise only)`,
  }).default(10).describe("How long a client stays blocked, seconds; 0 throttles instead (Enterprise)."),
});

/** The public face of the tenant in Cloudflare: DNS, TLS, WAF, cache and health. */
export const edgeSection = z
  .strictObject({
    zone: z.string().regex(DOMAIN_NAME, { error: "must be a lowercase domain name such as acme.example" })
      .describe("DNS zone (domain) the tenant's hostnames live in."),
    hostnames: z.array(relativeName).min(1)
      .describe('Web hostnames, relative to the zone: "@" is the zone itself. Each is unique across the fleet.'),
    plan: z.enum(CLOUDFLARE_PLANS).default(EDGE_DEFAULTS.plan).describe("The zone's Cloudflare plan: features it lacks are refused."),
    accountId: z.string().regex(CLOUDFLARE_ID, { error: "must be a 32-character Cloudflare account id" }).optional()
      .describe("Cloudflare account to create the zone in (and to send health notifications from)."),
    zoneId: z.string().regex(CLOUDFLARE_ID, { error: "must be a 32-character Cloudflare zone id" }).optional()
      .describe("Use this existing zone instead of creating one."),
    delegated: z.boolean().optional()
      .describe("The zone's name servers are set at the registrar. A zone the platform creates starts false: set true after the cutover, then the HTTPS listener gets its validated certificate (with currentOrigin, in the deploy after the one that moves the web hostnames)."),
    currentOrigin: z.string().regex(DOMAIN_NAME, { error: "must be the host name of the current hosting, such as old-host.example (give an address a name in edge.records first)" }).optional()
      .describe("A live site moving here. A zone the platform creates: until delegated is true, the web hostnames point at this host name, unproxied, so the site stays up while Cloudflare provisions the edge certificate. An existing zone (zoneId): the web hostnames keep the records the zone has until this is removed, which moves them to the load balancer in place; the deploy after that puts ACM's certificate on it."),
    manageZone: z.boolean().default(EDGE_DEFAULTS.manageZone)
      .describe("Manage the zone's settings, WAF and cache rules. A zone shared by tenants is managed by one of them."),
    records: z.array(extraRecord).default([]).describe("Other records: mail (MX, TXT) and names that are not web hostnames."),
    hsts: z.union([
      z.literal(false),
      z.strictObject({
        maxAgeSeconds: z.number().int().min(0).max(63072000).default(EDGE_DEFAULTS.hsts.maxAgeSeconds),
        includeSubdomains: z.boolean().default(EDGE_DEFAULTS.hsts.includeSubdomains),
        preload: z.boolean().default(EDGE_DEFAULTS.hsts.preload),
      }),
    ]).prefault({})
      .describe("Strict-Transport-Security from the edge; false turns it off."),
    waf: z.strictObject({
      managedRules: z.boolean().default(EDGE_DEFAULTS.managedRules).describe("Cloudflare Managed and OWASP rulesets (Pro and up), the Free Managed ruleset on Free."),
      adminPaths: z.array(adminPath).default([]).describe("Paths only some addresses may reach (a back office)."),
      blockCountries: z.array(z.string().regex(/^[A-Z]{2}$/, { error: "must be a two-letter country code such as RU" })).default([]),
      botFightMode: z.boolean().default(EDGE_DEFAULTS.botFightMode)
        .describe("Challenge bots: Bot Fight Mode on Free, Super Bot Fight Mode on Pro and up. false turns it off."),
      rateLimits: z.array(rateLimit).default([]).describe("Per-client request limits on paths such as /login."),
    }).prefault({}),
    cache: z.strictObject({
      staticTtlSeconds: z.number().int().min(60).max(31536000).default(EDGE_DEFAULTS.staticTtlSeconds).describe("Edge lifetime of static assets."),
      bypassPaths: z.array(z.string().regex(URL_PATH, { error: "must be a path such as /admin" })).default([])
        .describe("Paths never cached (back office, API)."),
      bypassCookies: z.array(z.string().regex(/^[\w.-]+$/, { error: "must be a cookie name" })).default([])
        .describe("Requests carrying these cookies (logged-in sessions) are never cached."),
    }).prefault({}),
    originPulls: z.union([z.boolean(), z.literal("staged")], { error: 'must be false, "staged" or true' }).default(false)
      .describe('Authenticated origin pulls with the zone\'s own certificate. "staged" uploads it and has Cloudflare present it; true also makes the load balancer accept only this zone\'s Cloudflare traffic: set it in a later deploy, once the certificate is active (npm run edge:preflight). false turns the zone setting off.'),
    healthCheck: z.union([
      z.literal(false),
      z.strictObject({
        path: z.string().regex(URL_PATH, { error: "must be a path such as /health" }).default("/"),
        hostname: relativeName.optional().describe("Hostname to check; the first web hostname when left out."),
      }),
    ]).default(false).describe("A Cloudflare health check every 5 minutes (Pro and up), notifying the alert emails."),
  })
  .describe("Cloudflare zone, web hostnames, TLS, WAF, cache rules and health check.");

export type EdgeSpec = z.output<typeof edgeSection>;

/** The fully qualified name of a relative hostname in a zone. */
export function qualifyHostname(hostname: string, zone: string): string {
  return hostname === "@" ? zone : `${hostname}.${zone}`;
}
