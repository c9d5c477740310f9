/** Validation of the edge section: what the zone's plan lacks is refused, naming the field and the plan. */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../stacks/spec/load-tenant";
import { formatIssues } from "../../stacks/spec/spec-issue";
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
      "9:3: edge.healthCheck: the free plan has no health checks; choose plan pro or higher, or set healthCheck: false"],
    ["a health check nobody hears", edge(["plan: pro", "healthCheck: { path: /health }"]),
      "10:3: edge.healthCheck: needs monitoring.alertEmails to tell someone"],
    ["more rate limits than the plan has", edge(["waf:", "  rateLimits: [{ path: /login, requests: 5 }, { path: /api, requests: 100 }]"]),
      "10:17: edge.waf.rateLimits: has 2 rules; the free plan allows 1"],
    ["a rate limit period and block time the plan lacks", edge(["waf:", "  rateLimits: [{ path: /login, requests: 5, periodSeconds: 60, mitigationSeconds: 600 }]"]), [
      "10:62: edge.waf.rateLimits[0].periodSeconds: 60 s is not offered on the free plan; it counts over 10 s",
      "10:85: edge.waf.rateLimits[0].mitigationSeconds: the free plan blocks for at most 10 s",
    ].join("\n")],
    ["more custom rules than the plan has", edge(["waf:", `  adminPaths: [${["a", "b", "c", "d", "e"].map((p) => `{ path: /${p}, allow: [192.0.2.1] }`).join(", ")}]`, "  blockCountries: [RU]"]),
      "10:17: edge.waf.adminPaths: makes 6 custom rules; the free plan allows 5"],
    ["an HSTS preload without its requirements", edge(["hsts: { preload: true }"]),
      "9:20: edge.hsts.preload: preload lists require includeSubdomains: true and maxAgeSeconds of at least 31536000"],
    ["rules for a zone it does not manage", edge(["manageZone: false", "cache: { bypassPaths: [/admin] }"]),
      "9:15: edge.manageZone: is false, so this tenant's WAF and cache settings would not be applied: the zone's managing tenant sets them"],
    ["a record for a web hostname", edge(["records: [{ type: CNAME, name: www, content: x.example }]"]),
      '9:34: edge.records[0].name: "www" is a web hostname already; its record is managed for you'],
    ["a record type it does not manage", edge(["records: [{ type: SRV, name: www, content: x.example }]"]),
      "9:21: edge.records[0].type: must have type MX, TXT, CNAME, A or AAAA"],
    ["an unknown plan", edge(["plan: premium"]),
      '9:9: edge.plan: must be one of "free", "pro", "business", "enterprise"; got the text "premium"'],
  ])("refuses %s", (_label, yaml, expected) => {
    expect(messages(yaml)).toBe(expected);
  });
});
