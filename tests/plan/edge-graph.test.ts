/** The Edge as the offline plan records it: records, TLS, WAF by plan, rate limits, cache rules, health. */
import { afterEach, describe, expect, it } from "vitest";
import { MANAGED_RULESETS } from "../../components/edge/plans";
import { defaultProviderUses as defaultProviders } from "../../tools/plan/plan-graph";
import { MOCK_NAME_SERVERS } from "../../tools/plan/mock-fixtures";
import type { TenantPlan } from "../../policies/plan-types";
import { idOf, named } from "../helpers/plan-queries";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

const RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const RULESET = "cloudflare:index/ruleset:Ruleset";

/** A web tenant issuing its own certificate, with extra edge lines. */
function edgeTenant(edgeLines: string[] = [], extra = ""): string {
  return webTenantYaml()
    .replace(/ {2}loadBalancer:\n {4}certificateArn: .*\n/, "")
    .replace("  accountId: 0123456789abcdef0123456789abcdef\n", `  accountId: 0123456789abcdef0123456789abcdef\n  delegated: true\n${edgeLines.map((l) => `  ${l}\n`).join("")}`) + extra;
}

describe("Edge records", () => {
  it("proxy every web hostname to the load balancer with the automatic TTL", async () => {
    const plan = await planYaml("acme", edgeTenant());
    const alb = named(plan, "aws:lb/loadBalancer:LoadBalancer", "acme-alb");
    const zone = named(plan, "cloudflare:index/zone:Zone", "acme-zone");
    const web = ofType(plan, RECORD).filter((r) => r.name.startsWith("acme-web-"));
    expect(web.map((r) => [r.name, r.inputs["name"]])).toEqual([["acme-web-apex", "acme.example"], ["acme-web-www", "www.acme.example"]]);
    for (const record of web) {
      expect(record.inputs).toMatchObject({ type: "CNAME", proxied: true, ttl: 1, zoneId: idOf(plan, zone) });
      expect(record.inputs["content"]).toMatch(/\.eu-central-1\.elb\.amazonaws\.com$/);
    }
    expect(web[0]!.inputs["content"]).toBe(plan.outputs["loadBalancerDnsName"]);
    void alb;
  });

  it("keeps mail and other records unproxied, named by content rather than position", async () => {
    const records = [
      'records:',
      '  - { type: MX, content: mx1.mail.example, priority: 10 }',
      '  - { type: TXT, content: "v=spf1 include:amazonses.com -all" }',
      '  - { type: CNAME, name: docs, content: acme.github.io }',
    ];
    const plan = await planYaml("acme", edgeTenant(records));
    const extra = ofType(plan, RECORD).filter((r) => r.name.startsWith("acme-record-"));
    expect(extra.map((r) => r.inputs)).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: "MX", name: "acme.example", content: "mx1.mail.example", priority: 10, proxied: false, ttl: 3600 }),
      expect.objectContaining({ type: "TXT", name: "acme.example", proxied: false }),
      expect.objectContaining({ type: "CNAME", name: "docs.acme.example", proxied: false, ttl: 300 }),
    ]));
    const reordered = await planYaml("acme", edgeTenant([records[0]!, records[3]!, records[1]!, records[2]!]));
    expect(ofType(reordered, RECORD).map((r) => r.urn).sort()).toEqual(ofType(plan, RECORD).map((r) => r.urn).sort());
  });
});

describe("Edge extra CNAME records", () => {
  it("keep their logical name when their target changes (an in-place update, not a second CNAME at the name), with aliases from the content-named form, and carry the platform marker", async () => {
    const cname = (target: string) => edgeTenant(["records:", `  - { type: CNAME, name: docs, content: ${target} }`, '  - { type: TXT, content: "v=spf1 -all" }']);
    const plan = await planYaml("acme", cname("acme.github.io"));
    const moved = await planYaml("acme", cname("acme.gitlab.io"));
    const docs = (p: TenantPlan) => ofType(p, RECORD).find((r) => r.inputs["name"] === "docs.acme.example")!;
    expect(docs(plan).name).toBe("acme-record-cname-docs");
    expect(docs(moved).urn).toBe(docs(plan).urn);
    expect(docs(moved).inputs["content"]).toBe("acme.gitlab.io");
    // The name it had before: by content (the engine finds the deployed record through the alias).
    expect(docs(plan).options.aliases).toEqual(expect.arrayContaining([expect.stringMatching(/DnsRecord::acme-record-cname-docs-[0-9a-f]+$/)]));
    for (const record of ofType(plan, RECORD).filter((r) => r.name.startsWith("acme-record-"))) {
      expect(record.inputs["comment"]).toMatch(/\(tenant-platform\)$/);
    }
  });
});

describe("Edge TLS", () => {
  it("issues the load balancer's certificate, validated by unproxied records in the zone", async () => {
    const plan = await planYaml("acme", edgeTenant());
    const certificate = named(plan, "aws:acm/certificate:Certificate", "acme-certificate");
    expect(certificate.inputs).toMatchObject({ domainName: "acme.example", subjectAlternativeNames: ["www.acme.example"], validationMethod: "DNS" });
    const validationRecords = ofType(plan, RECORD).filter((r) => r.name.startsWith("acme-certificate-"));
    expect(validationRecords).toHaveLength(2);
    for (const record of validationRecords) {
      expect(record.inputs).toMatchObject({ type: "CNAME", proxied: false, ttl: 60 });
      expect(record.inputs["name"]).toMatch(/^_[0-9a-f]{32}\.(www\.)?acme\.example$/);
      expect(record.inputs["content"]).toMatch(/\.acm-validations\.aws$/);
    }
    const validation = named(plan, "aws:acm/certificateValidation:CertificateValidation", "acme-certificate");
    expect((validation.inputs["validationRecordFqdns"] as string[]).sort()).toEqual(validationRecords.map((r) => r.inputs["name"]).sort());
    expect(named(plan, "aws:lb/listener:Listener", "acme-https").inputs["certificateArn"]).toBe(idOf(plan, certificate));
  });

  it("serves HTTPS from a created zone's first deploy with an Origin CA certificate, and requests ACM's only after the cutover (ACM gives up after 72 hours)", async () => {
    const plan = await planYaml("acme", edgeTenant().replace("  delegated: true\n", ""));
    expect(ofType(plan, "aws:acm/certificate:Certificate").map((c) => c.name)).toEqual(["acme-origin-ca"]);
    expect(ofType(plan, RECORD).filter((r) => r.name.startsWith("acme-certificate-"))).toEqual([]);
    expect(ofType(plan, "aws:acm/certificateValidation:CertificateValidation")).toEqual([]);
    const key = named(plan, "tls:index/privateKey:PrivateKey", "acme-origin-ca");
    expect(key.inputs).toMatchObject({ algorithm: "ECDSA", ecdsaCurve: "P256" });
    const originCa = named(plan, "cloudflare:index/originCaCertificate:OriginCaCertificate", "acme-origin-ca");
    expect(originCa.inputs).toMatchObject({ hostnames: ["acme.example", "www.acme.example"], requestType: "origin-ecc", requestedValidity: 5475 });
    // It has no zone input: it must wait for the created zone explicitly, Free plan included.
    expect(plan.resources.find((r) => r.type === "cloudflare:index/zoneSubscription:ZoneSubscription")).toBeUndefined();
    expect(originCa.options.dependsOn).toContain(named(plan, "cloudflare:index/zone:Zone", "acme-zone").urn);
    const imported = named(plan, "aws:acm/certificate:Certificate", "acme-origin-ca");
    expect(imported.inputs["privateKey"]).toBe("[secret]");
    expect(imported.inputs["certificateBody"]).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const https = named(plan, "aws:lb/listener:Listener", "acme-https");
    expect(https.inputs["certificateArn"]).toBe(idOf(plan, imported));
    expect(plan.outputs["nextStep"]).toMatch(/^HTTPS is served with a Cloudflare Origin CA certificate until the cutover.*deploy again: that deploy requests ACM's certificate/);

    const after = await planYaml("acme", edgeTenant());
    expect(ofType(after, "cloudflare:index/originCaCertificate:OriginCaCertificate")).toEqual([]);
    expect(ofType(after, RECORD).filter((r) => r.name.startsWith("acme-certificate-"))).toHaveLength(2);
    expect(ofType(after, "aws:acm/certificateValidation:CertificateValidation")).toHaveLength(1);
    expect(named(after, "aws:lb/listener:Listener", "acme-https").inputs["certificateArn"]).toBe(idOf(after, named(after, "aws:acm/certificate:Certificate", "acme-certificate")));
    expect(after.outputs["nextStep"]).toBeUndefined();
  });

  it("validates a wildcard and its base name with one record", async () => {
    const plan = await planYaml("acme", edgeTenant().replace('hostnames: ["@", www]', 'hostnames: ["@", "*"]'));
    expect(ofType(plan, RECORD).filter((r) => r.name.startsWith("acme-certificate-")).map((r) => r.name)).toEqual(["acme-certificate-apex"]);
  });

  it("sets strict TLS, HTTPS only, TLS 1.2 minimum, TLS 1.3 and HSTS on the zone", async () => {
    const plan = await planYaml("acme", edgeTenant(["hsts: { maxAgeSeconds: 63072000, includeSubdomains: true, preload: true }"]));
    const settings = Object.fromEntries(ofType(plan, "cloudflare:index/zoneSetting:ZoneSetting").map((s) => [s.inputs["settingId"], s.inputs["value"]]));
    expect(settings).toEqual({
      ssl: "strict",
      always_use_https: "on",
      min_tls_version: "1.2",
      tls_1_3: "on",
      automatic_https_rewrites: "on",
      security_header: { strict_transport_security: { enabled: true, max_age: 63072000, include_subdomains: true, preload: true, nosniff: true } },
    });
  });
});

describe("Edge WAF", () => {
  const managedIds = (plan: TenantPlan) =>
    (named(plan, RULESET, "acme-waf-managed").inputs["rules"] as { actionParameters: { id: string } }[]).map((r) => r.actionParameters.id);

  it("runs the Free Managed ruleset on the free plan", async () => {
    const plan = await planYaml("acme", edgeTenant());
    expect(named(plan, RULESET, "acme-waf-managed").inputs).toMatchObject({ phase: "http_request_firewall_managed", kind: "zone" });
    expect(managedIds(plan)).toEqual([MANAGED_RULESETS.freeManaged]);
  });

  it("runs Cloudflare Managed and OWASP Core on Pro", async () => {
    const plan = await planYaml("acme", edgeTenant(["plan: pro"]));
    expect(managedIds(plan)).toEqual([MANAGED_RULESETS.cloudflareManaged, MANAGED_RULESETS.owaspCore]);
  });

  it("blocks admin paths except for allowed addresses, and blocked countries", async () => {
    const plan = await planYaml("acme", edgeTenant(["waf:", "  adminPaths: [{ path: /admin, allow: [198.51.100.0/24, 203.0.113.7] }]", "  blockCountries: [RU, KP]"]));
    const rules = named(plan, RULESET, "acme-waf-custom").inputs["rules"] as { action: string; expression: string }[];
    expect(rules.map((r) => [r.action, r.expression])).toEqual([
      ["block", '(lower(http.request.uri.path) eq "/admin" or starts_with(lower(http.request.uri.path), "/admin/")) and not ip.src in {198.51.100.0/24 203.0.113.7}'],
      ["block", 'ip.src.country in {"RU" "KP"}'],
    ]);
  });

  it("limits request rates per client and colo within the plan", async () => {
    const plan = await planYaml("acme", edgeTenant(["waf:", "  rateLimits: [{ path: /login, requests: 20 }]"]));
    const [rule] = named(plan, RULESET, "acme-rate-limits").inputs["rules"] as { ratelimit: Record<string, unknown>; expression: string }[];
    expect(rule!.expression).toBe('(http.request.uri.path eq "/login" or starts_with(http.request.uri.path, "/login/"))');
    expect(rule!.ratelimit).toEqual({ characteristics: ["ip.src", "cf.colo.id"], period: 10, requestsPerPeriod: 20, mitigationTimeout: 10 });
  });

  it("turns Bot Fight Mode on", async () => {
    const plan = await planYaml("acme", edgeTenant());
    expect(ofType(plan, "cloudflare:index/botManagement:BotManagement")[0]!.inputs).toMatchObject({ fightMode: true });
  });

  it("deletes entry-point rulesets before replacing them (one per zone and phase)", async () => {
    const plan = await planYaml("acme", edgeTenant(["waf:", "  rateLimits: [{ path: /login, requests: 20 }]"]));
    for (const ruleset of ofType(plan, RULESET)) expect(ruleset.options.deleteBeforeReplace, ruleset.name).toBe(true);
  });
});

describe("Edge cache", () => {
  it("caches static assets long and bypasses admin paths and sessions last", async () => {
    const plan = await planYaml("acme", edgeTenant(["cache: { staticTtlSeconds: 86400, bypassPaths: [/admin], bypassCookies: [sessionid] }"]));
    const ruleset = named(plan, RULESET, "acme-cache-rules");
    expect(ruleset.inputs["phase"]).toBe("http_request_cache_settings");
    const [statics, bypass] = ruleset.inputs["rules"] as { expression: string; actionParameters: Record<string, unknown> }[];
    expect(statics!.expression).toBe('http.request.uri.path.extension in {"css" "js" "mjs" "map" "png" "jpg" "jpeg" "gif" "svg" "webp" "avif" "ico" "woff" "woff2" "ttf" "otf"}');
    expect(statics!.actionParameters).toEqual({ cache: true, edgeTtl: { mode: "override_origin", default: 86400 }, browserTtl: { mode: "respect_origin" } });
    expect(bypass!.expression).toBe('(lower(http.request.uri.path) eq "/admin" or starts_with(lower(http.request.uri.path), "/admin/")) or http.cookie contains "sessionid="');
    expect(bypass!.actionParameters).toEqual({ cache: false });
  });
});

describe("Edge zone", () => {
  it("creates the zone in the account, protected, and says how to cut over", async () => {
    const plan = await planYaml("acme", edgeTenant());
    const zone = named(plan, "cloudflare:index/zone:Zone", "acme-zone");
    expect(zone.inputs).toMatchObject({ name: "acme.example", type: "full", account: { id: "0123456789abcdef0123456789abcdef" } });
    expect(zone.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(plan.outputs["nameServers"]).toEqual(MOCK_NAME_SERVERS);
    expect(plan.outputs["cutoverNote"]).toContain("replace its name servers with ada.ns.cloudflare.com and bob.ns.cloudflare.com");
  });

  it("uses an existing zone by id without creating one", async () => {
    const plan = await planYaml("acme", edgeTenant().replace("accountId: 0123456789abcdef0123456789abcdef", "zoneId: fedcba9876543210fedcba9876543210"));
    expect(ofType(plan, "cloudflare:index/zone:Zone")).toEqual([]);
    expect(plan.outputs["zoneId"]).toBe("fedcba9876543210fedcba9876543210");
    for (const record of ofType(plan, RECORD)) expect(record.inputs["zoneId"]).toBe("fedcba9876543210fedcba9876543210");
    expect(plan.invokes.map((i) => i.token)).toContain("cloudflare:index/getZone:getZone");
  });

  it("leaves settings and rules to the managing tenant when manageZone is false", async () => {
    const plan = await planYaml("acme", edgeTenant(["manageZone: false"]).replace("accountId: 0123456789abcdef0123456789abcdef", "zoneId: fedcba9876543210fedcba9876543210"));
    expect(ofType(plan, RULESET)).toEqual([]);
    expect(ofType(plan, "cloudflare:index/zoneSetting:ZoneSetting")).toEqual([]);
    expect(ofType(plan, RECORD).filter((r) => r.name.startsWith("acme-web-"))).toHaveLength(2);
  });
});

describe("Edge health", () => {
  it("checks the hostname every 5 minutes on Pro and tells the alert emails", async () => {
    const plan = await planYaml("acme", edgeTenant(["plan: pro", "healthCheck: { path: /health }"], "monitoring:\n  alertEmails: [ops@acme.example]\n"));
    const check = named(plan, "cloudflare:index/healthcheck:Healthcheck", "acme-health");
    expect(check.inputs).toMatchObject({ address: "acme.example", type: "HTTPS", interval: 300, httpConfig: { path: "/health", port: 443, expectedCodes: ["200"] } });
    const policy = named(plan, "cloudflare:index/notificationPolicy:NotificationPolicy", "acme-health");
    expect(policy.inputs).toMatchObject({
      alertType: "health_check_status_notification",
      accountId: "0123456789abcdef0123456789abcdef",
      mechanisms: { emails: [{ id: "ops@acme.example" }] },
      filters: { healthCheckIds: [idOf(plan, check)] },
    });
  });
});

describe("Edge origin pulls", () => {
  it("makes the load balancer require the zone's own client certificate, after Cloudflare presents it", async () => {
    const plan = await planYaml("acme", edgeTenant(["originPulls: true"]));
    const ca = named(plan, "tls:index/selfSignedCert:SelfSignedCert", "acme-origin-pull-ca");
    expect(ca.inputs).toMatchObject({ isCaCertificate: true, allowedUses: ["cert_signing", "crl_signing"] });
    const client = named(plan, "tls:index/locallySignedCert:LocallySignedCert", "acme-origin-pull-client");
    expect(client.inputs).toMatchObject({ allowedUses: ["client_auth", "digital_signature"] });
    const upload = named(plan, "cloudflare:index/authenticatedOriginPullsCertificate:AuthenticatedOriginPullsCertificate", "acme-origin-pull");
    expect(upload.inputs["privateKey"]).toBe("[secret]");
    const settings = named(plan, "cloudflare:index/authenticatedOriginPullsSettings:AuthenticatedOriginPullsSettings", "acme-origin-pull");
    expect(settings.inputs).toMatchObject({ enabled: true });
    expect(settings.options.dependsOn).toEqual([upload.urn]);

    const bundle = named(plan, "aws:s3/bucketObjectv2:BucketObjectv2", "acme-client-ca");
    expect(bundle.inputs["key"]).toMatch(/^trust-store\/client-ca-[0-9a-f]{16}\.pem$/);
    const store = named(plan, "aws:lb/trustStore:TrustStore", "acme-client-ca");
    expect(store.inputs).toMatchObject({ caCertificatesBundleS3Key: bundle.inputs["key"] });
    const https = named(plan, "aws:lb/listener:Listener", "acme-https");
    expect(https.inputs["mutualAuthentication"]).toEqual({ mode: "verify", trustStoreArn: expect.stringContaining(idOf(plan, store)), ignoreClientCertificateExpiry: false });
    expect(https.options.dependsOn).toEqual([settings.urn]);
    expect(defaultProviders(plan)).toEqual([]);
  });

  it("requires no client certificate when off", async () => {
    const plan = await planYaml("acme", edgeTenant());
    expect(named(plan, "aws:lb/listener:Listener", "acme-https").inputs["mutualAuthentication"]).toBeUndefined();
    expect(ofType(plan, "aws:lb/trustStore:TrustStore")).toEqual([]);
  });
});
