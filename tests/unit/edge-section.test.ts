/** Validation of the edge section: what the zone's plan lacks is refused, naming the field and the plan. */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { cloudflarePlanReport } from "../../tenant-schema/rules/plan-features";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { CLOUDFLARE_ACCOUNT, tenantYaml } from "../helpers/temp-tenants";

function messages(yaml: string): string {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? "accepted" : formatIssues(result.issues).replaceAll("tenants/acme.yaml:", "");
}

/** A tenant file with extra lines in its edge section. */
const edge = (lines: string[], extra = "") =>
  tenantYaml({}).replace(`  accountId: ${CLOUDFLARE_ACCOUNT}\n`, `  accountId: ${CLOUDFLARE_ACCOUNT}\n${lines.map((l) => `  ${l}\n`).join("")}`) + extra;

describe("edge section", () => {
  it("accepts what the plan offers", () => {
    expect(messages(edge(["plan: pro", "healthCheck: { path: /health }", "waf:", "  rateLimits: [{ path: /login, requests: 5, periodSeconds: 60 }, { path: /api, requests: 100 }]"],
      "monitoring: { alertEmails: [ops@acme.example] }\n"))).toBe("accepted");
  });

  it.each([
    ["a zone it can neither create nor find", tenantYaml({}).replace(`  accountId: ${CLOUDFLARE_ACCOUNT}\n`, ""),
      "5:1: edge: needs accountId (the Cloudflare account to create the zone in) or zoneId (an existing zone)"],
    ["a health check on the free plan", edge(["healthCheck: { path: /health }"], "monitoring: { alertEmails: [ops@acme.example] }\n"),
      "9:3: edge.healthCheck: health checks: uses 1 check; the free plan allows 0 checks; the pro plan allows it: set edge.plan: pro (this stack buys it for the zone)"],
    ["a health check nobody hears", edge(["plan: pro", "healthCheck: { path: /health }"]),
      "10:3: edge.healthCheck: needs monitoring.alertEmails to tell someone"],
    ["more rate limits than the plan has", edge(["waf:", "  rateLimits: [{ path: /login, requests: 5 }, { path: /api, requests: 100 }]"]),
      "10:17: edge.waf.rateLimits: rate limiting rules: uses 2 rules; the free plan allows 1 rule; the pro plan allows them: set edge.plan: pro (this stack buys it for the zone)"],
    ["a rate limit period and block time the plan lacks", edge(["waf:", "  rateLimits: [{ path: /login, requests: 5, periodSeconds: 60, mitigationSeconds: 600 }]"]), [
      "10:62: edge.waf.rateLimits[0].periodSeconds: rate limiting periods: uses 60 s; the free plan allows 10 s; the pro plan allows it: set edge.plan: pro (this stack buys it for the zone)",
      "10:85: edge.waf.rateLimits[0].mitigationSeconds: rate limiting block time: uses 600 s; the free plan allows up to 10 s; the pro plan allows it: set edge.plan: pro (this stack buys it for the zone)",
    ].join("\n")],
    ["more custom rules than the plan has", edge(["waf:", `  adminPaths: [${["a", "b", "c", "d", "e"].map((p) => `{ path: /${p}, allow: [192.0.2.1] }`).join(", ")}]`, "  blockCountries: [RU]"]),
      "10:17: edge.waf.adminPaths: WAF custom rules: uses 6 rules; the free plan allows 5 rules; the pro plan allows them: set edge.plan: pro (this stack buys it for the zone)"],
    ["an HSTS preload without its requirements", edge(["hsts: { preload: true }"]),
      "9:20: edge.hsts.preload: preload lists require includeSubdomains: true and maxAgeSeconds of at least 31536000"],
    ["rules for a zone it does not manage", edge(["manageZone: false", "cache: { bypassPaths: [/admin] }"]),
      "9:15: edge.manageZone: is false, so this tenant's WAF and cache settings would not be applied: the zone's managing tenant sets them"],
    ["a record for a web hostname", edge(["records: [{ type: CNAME, name: www, content: x.example }]"]),
      '9:34: edge.records[0].name: "www" is a web hostname already; its record is managed for you'],
    ["a web hostname two labels below the zone (no Universal SSL certificate covers it)", edge(["records: []"]).replace("hostnames: [", 'hostnames: ["*.eu", shop.eu, '),
      [`7:15: edge.hostnames[0]: "*.eu" is 2 labels below the zone; Cloudflare's Universal SSL certificate covers only the zone and names one label below it (www, shop-eu, *): use such a name, or a zone of its own`, `7:23: edge.hostnames[1]: "shop.eu" is 2 labels below the zone; Cloudflare's Universal SSL certificate covers only the zone and names one label below it (www, shop-eu, *): use such a name, or a zone of its own`].join("\n")],
    ["a CNAME beside another record of its name", edge(["records: [{ type: A, name: docs, content: 192.0.2.1 }, { type: CNAME, name: docs, content: x.example }]"]),
      '9:79: edge.records[1].name: "docs" has a record already (A, edge.records[0]); a CNAME cannot share its name with another record'],
    ["a record type it does not manage", edge(["records: [{ type: SRV, name: www, content: x.example }]"]),
      "9:21: edge.records[0].type: must have type MX, TXT, CNAME, A or AAAA"],
    ["a block time the API does not offer", edge(["waf:", "  rateLimits: [{ path: /login, requests: 5, mitigationSeconds: 45 }]"]),
      "10:66: edge.waf.rateLimits[0].mitigationSeconds: must be one of 10, 60, 120, 300, 600, 3600, 86400 (or 0 to throttle, Enterprise only)"],
    ["throttling below Enterprise", edge(["plan: business", "zoneId: fedcba9876543210fedcba9876543210", "waf:", "  rateLimits: [{ path: /login, requests: 5, mitigationSeconds: 0 }]"]),
      "12:66: edge.waf.rateLimits[0].mitigationSeconds: rate limiting block time: uses 0 (throttle); the business plan allows up to 86400 s; the enterprise plan allows it: upgrade the zone, then set edge.plan: enterprise"],
    ["an edge cache TTL shorter than the plan allows", edge(["cache: { staticTtlSeconds: 600 }"]),
      "9:30: edge.cache.staticTtlSeconds: edge cache TTL: uses 600 s; the free plan allows at least 7200 s; the business plan allows it: set edge.plan: business (this stack buys it for the zone)"],
    ["a health check behind required origin-pull certificates", edge(["plan: pro", "originPulls: true", "healthCheck: { path: /health }"], "monitoring: { alertEmails: [ops@acme.example] }\nweb: { instanceType: t4g.small, scaling: { min: 2, max: 4 }, app: { image: ghcr.io/acme/site:1.4, port: 8080 }, loadBalancer: { certificateArn: arn:aws:acm:eu-central-1:123456789012:certificate/0d9f5a43-2b7e-4c1a-9e55-7c1f0e6a8b21 } }\n"),
      "11:3: edge.healthCheck: cannot pass a load balancer that requires origin-pull certificates (originPulls: true): set healthCheck: false, or originPulls: \"staged\" or false; the load balancer's own alarms watch the targets"],
    ["an Enterprise zone the platform would create", edge(["plan: enterprise"]),
      "9:9: edge.plan: enterprise is a contract with Cloudflare, not a plan the platform can buy for a zone it creates: create the zone, have it upgraded, then give its zoneId"],
    ["an origin-pull mode it does not know", edge(["originPulls: later"]),
      '9:16: edge.originPulls: must be false, "staged" or true'],
    ["an unknown plan", edge(["plan: premium"]),
      '9:9: edge.plan: must be one of "free", "pro", "business", "enterprise"; got the text "premium"'],
  ])("refuses %s", (_label, yaml, expected) => {
    expect(messages(yaml)).toBe(expected);
  });

  it("accepts throttling on Enterprise and a one-second edge TTL on Business", () => {
    expect(messages(edge(["plan: enterprise", "zoneId: fedcba9876543210fedcba9876543210", "waf:", "  rateLimits: [{ path: /login, requests: 5, mitigationSeconds: 0 }]"]))).toBe("accepted");
    expect(messages(edge(["plan: business", "cache: { staticTtlSeconds: 60 }"]))).toBe("accepted");
  });

  it("shows per feature what the plan allows and what the file uses, with the fields", () => {
    const result = parseTenant("tenants/acme.yaml", Buffer.from(edge(["waf:", "  rateLimits: [{ path: /login, requests: 5 }]"])));
    if (!result.ok) throw new Error(formatIssues(result.issues));
    const report = cloudflarePlanReport(result.tenant.spec);
    const row = (id: string) => report.features.find((f) => f.id === id);
    expect(report.plan).toBe("free");
    expect(report.basis).toMatch(/^every zone starts on it; this stack buys nothing$/);
    expect(row("rateLimitRules")).toMatchObject({ used: "1 rule", fields: ["edge.waf.rateLimits[0]"], allowed: "1 rule", fits: true });
    expect(row("rateLimitPeriods")).toMatchObject({ used: "10 s", fields: ["edge.waf.rateLimits[0].periodSeconds"], allowed: "10 s", fits: true });
    expect(row("botProtection")).toMatchObject({ used: "on", fields: ["edge.waf.botFightMode"], allowed: "Bot Fight Mode", fits: true });
    expect(row("edgeCacheTtl")).toMatchObject({ used: "2592000 s", allowed: "at least 7200 s", fits: true });
    expect(row("healthChecks")).toMatchObject({ used: "not used", fields: [], allowed: "0 checks", fits: true });
    expect(report.features.every((f) => f.fits && f.source.length > 0)).toBe(true);
  });
});
