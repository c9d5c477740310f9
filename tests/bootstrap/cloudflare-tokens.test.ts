/**
 * The Cloudflare token templates: derived from the Cloudflare types and invokes of the plans, each
 * type's permission groups kept in tools/bootstrap/cloudflare/token-permissions.json.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import permissions from "../../tools/bootstrap/cloudflare/token-permissions.json";
import { tokenTemplates } from "../../tools/bootstrap/cloudflare/token-templates";
import { sourceFiles } from "../helpers/import-graph";

const ROOT = path.resolve(__dirname, "../..");

describe("the Cloudflare token templates", () => {
  it("know every Cloudflare resource type the code constructs, including those no sample uses yet", () => {
    const constructed = new Set<string>();
    for (const file of sourceFiles(ROOT, ["components", "program"]).map((source) => path.join(ROOT, source))) {
      for (const match of readFileSync(file, "utf8").matchAll(/new cloudflare\.([A-Z][A-Za-z]+)\(/g)) constructed.add(match[1]!);
    }
    constructed.delete("Provider");
    const tokens = [...constructed].map((type) => `cloudflare:index/${type.charAt(0).toLowerCase()}${type.slice(1)}:${type}`);
    expect(tokens.length).toBeGreaterThan(10);
    expect(tokens.filter((token) => !(token in permissions.resources))).toEqual([]);
  });

  it("give production the Write groups and cache purge, preview and drift the Read groups, per scope", () => {
    const { templates, unknown } = tokenTemplates({
      resources: ["cloudflare:index/dnsRecord:DnsRecord", "cloudflare:index/ruleset:Ruleset@http_request_cache_settings", "cloudflare:index/ruleset:Ruleset@http_ratelimit", "cloudflare:index/notificationPolicy:NotificationPolicy"],
      functions: ["cloudflare:index/getIpRanges:getIpRanges"],
    });
    expect(unknown).toEqual([]);
    expect(templates.production).toEqual({ zone: ["Cache Purge", "Cache Settings Write", "DNS Write", "Zone WAF Write"], account: ["Notifications Write"] });
    expect(templates.preview).toEqual({ zone: ["Cache Settings Read", "DNS Read", "Zone WAF Read"], account: ["Notifications Read"] });
    expect(templates.drift).toEqual(templates.preview);
  });

  it("give the Origin CA certificate's SSL and Certificates Write to drift, whose refresh reads it, and never to preview", () => {
    const origin = "cloudflare:index/originCaCertificate:OriginCaCertificate";
    const { templates } = tokenTemplates({ resources: [origin, "cloudflare:index/dnsRecord:DnsRecord"], functions: [] });
    expect(templates.production.zone).toContain("SSL and Certificates Write");
    expect(templates.drift.zone).toEqual(["DNS Read", "SSL and Certificates Write"]);
    expect(templates.preview.zone).toEqual(["DNS Read"]);
  });

  it("give no preview token a Write group, for every type and invoke in the table", () => {
    const { templates } = tokenTemplates({ resources: Object.keys(permissions.resources), functions: Object.keys(permissions.functions) });
    expect([...templates.preview.zone, ...templates.preview.account].filter((group) => /Write|Purge/.test(group))).toEqual([]);
  });

  it("name a type the table lacks", () => {
    expect(tokenTemplates({ resources: ["cloudflare:index/spectrumApplication:SpectrumApplication"], functions: [] }).unknown)
      .toEqual(["cloudflare:index/spectrumApplication:SpectrumApplication"]);
  });
});
