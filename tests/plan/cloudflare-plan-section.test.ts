/** The plan's Cloudflare section: the zone's plan, per used feature the fields and the plan's allowance, in text, JSON and Markdown; a use the plan lacks is refused. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPlanCli } from "../helpers/plan-cli";
import { planTenant } from "../../tools/plan/run-plan";
import { ofType, removeTempFolders, tempFolder, tenantYaml, writeTenant } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

const runCli = runPlanCli;

/** A tenant on `plan` whose file asks for a health check (Pro and up). */
function healthCheckTenant(plan: string): string {
  return `${tenantYaml({})}  plan: ${plan}\n  healthCheck: { path: /health }\nmonitoring: { alertEmails: [ops@acme.example] }\n`;
}

describe("the plan's Cloudflare section", () => {
  it("shows an existing zone's declared plan and, per used feature, the fields and what the plan allows", async () => {
    const { code, out } = await runCli("lionsbase", "--dir", "samples");
    expect(code).toBe(0);
    const section = out.slice(out.indexOf("lionsbase: Cloudflare plan:"));
    const lines = section.split("\n");
    expect(lines[0]).toBe("lionsbase: Cloudflare plan: pro (edge.plan of an existing zone; preview and deploy check it against the zone's real plan); 9 features used, all allowed");
    expect(lines[1]).toMatch(/^ {2}feature +used by the file +allowed on pro$/);
    const row = (feature: string) => lines.find((line) => line.startsWith(`  ${feature}  `))?.trim().replace(/ {2,}/g, " | ");
    expect(row("managed WAF rulesets")).toBe("managed WAF rulesets | on (edge.waf.managedRules) | Cloudflare Managed + OWASP Core");
    expect(row("rate limiting periods")).toBe("rate limiting periods | 60 s (edge.waf.rateLimits[0].periodSeconds) | 10 s, 60 s");
    expect(row("rate limiting block time")).toBe("rate limiting block time | 600 s (edge.waf.rateLimits[0].mitigationSeconds) | up to 3600 s");
    expect(row("health checks")).toBe("health checks | 1 check (edge.healthCheck) | 10 checks");
    expect(row("bot protection")).toBe("bot protection | on (edge.waf.botFightMode) | Super Bot Fight Mode (definitely automated)");
    expect(row("Cloud Connector rules")).toBeUndefined();
  });

  it("says a created zone's plan is bought by the stack, and lists the media bucket's Cloud Connector rule", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", `${tenantYaml({})}  plan: business\nmedia: {}\n`);
    const { code, out } = await runCli("acme", "--dir", dir);
    expect(code).toBe(0);
    expect(out).toContain('acme: Cloudflare plan: business (bought by this stack for the zone it creates: zone subscription, rate plan "business")');
    expect(out).toMatch(/\n {2}Cloud Connector rules +1 rule \(media\) +50 rules\n/);
  });

  it("refuses a free zone's file that asks for a Pro feature, naming the field and the plan that allows it", async () => {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", healthCheckTenant("free"));
    const { code, out, err } = await runCli("acme", "--dir", dir);
    expect(code).toBe(1);
    expect(out).not.toContain("Cloudflare plan:");
    expect(err).toBe(`${file}:10:3: edge.healthCheck: health checks: uses 1 check; the free plan allows 0 checks; the pro plan allows it: set edge.plan: pro (this stack buys it for the zone)`);
  });

  it("plans the same file on Pro, with the feature in the text, the JSON and the Markdown report", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", healthCheckTenant("pro"));
    // Outside the tenant folder: the plan refuses to write into the folder it reads.
    const reports = tempFolder();
    const json = path.join(reports, "acme.json");
    const markdown = path.join(reports, "summary.md");
    const { code, out } = await runCli("acme", "--dir", dir, "--json", json, "--markdown", markdown);
    expect(code).toBe(0);
    expect(out).toMatch(/\n {2}health checks +1 check \(edge\.healthCheck\) +10 checks\n/);

    const document = JSON.parse(readFileSync(json, "utf8"));
    expect(document.cloudflare.plan).toBe("pro");
    expect(document.cloudflare.basis).toMatch(/^bought by this stack/);
    expect(document.cloudflare.features.map((f: { id: string }) => f.id)).toEqual([
      "managedRulesets", "customRules", "rateLimitRules", "rateLimitPeriods", "rateLimitTimeouts",
      "cacheRules", "edgeCacheTtl", "healthChecks", "botProtection", "originPulls", "cloudConnectorRules",
    ]);
    expect(document.cloudflare.features.find((f: { id: string }) => f.id === "healthChecks")).toEqual({
      id: "healthChecks", feature: "health checks", used: "1 check", fields: ["edge.healthCheck"], allowed: "10 checks", fits: true,
      source: "developers.cloudflare.com plan tables (cloudflare/cloudflare-docs src/content/plans/index.json)",
    });
    expect(document.cloudflare.features.find((f: { id: string }) => f.id === "originPulls")).toMatchObject({ used: "not used", fields: [] });

    const report = readFileSync(markdown, "utf8");
    expect(report).toContain("**Cloudflare plan: pro** (bought by this stack");
    expect(report).toContain("| feature | used by the file | allowed on pro |");
    expect(report).toContain("| health checks | 1 check (edge.healthCheck) | 10 checks |");
  });
});

describe("the rules the edge writes on a Free zone", () => {
  /** The fields an expression reads, string literals left out. */
  const fields = (expression: string) => [...new Set(expression.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/\b(?:http|ip|cf)(?:\.[a-z_0-9]+)+/g) ?? [])];

  it("use no regular expressions (Business and up) and, for rate limits, only the path (Free)", async () => {
    // Regex support in custom, cache and other rules: Business and up (Cloudflare's plan tables,
    // security.waf_c_custom_rules.f_regex_support); fields of a Free zone's rate limiting rule
    // expression: Path and Verified Bot (developers.cloudflare.com/waf/rate-limiting-rules/, Availability).
    const plan = await planTenant("example", "samples");
    const rulesets = ofType(plan, "cloudflare:index/ruleset:Ruleset");
    expect(rulesets.map((r) => r.inputs["phase"]).sort()).toEqual(["http_ratelimit", "http_request_cache_settings", "http_request_firewall_custom", "http_request_firewall_managed"]);
    for (const ruleset of rulesets) {
      for (const rule of ruleset.inputs["rules"] as { expression: string }[]) {
        expect(rule.expression, ruleset.name).not.toMatch(/ matches | ~ /);
        if (ruleset.inputs["phase"] === "http_ratelimit") expect(fields(rule.expression)).toEqual(["http.request.uri.path"]);
      }
    }
  });
});
