/** The edge preflight against a local fake of Cloudflare's API: plan, entry points, records, certificates, errors, pages. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MANAGED_RULESETS } from "../../components/edge/plans";
import { CloudflareApi, CloudflareApiError } from "../../program/edge-preflight/cloudflare-api";
import { edgePreflight, formatPreflight } from "../../program/edge-preflight/edge-preflight";
import { main } from "../../tools/cli/edge-preflight";
import { OFFLINE_CLOUDFLARE_TOKEN, planTenant } from "../../tools/plan/run-plan";
import { loadTenantFile, type LoadedTenant } from "../../tenant-schema/load-tenant";
import { closeFakeCloudflares, FAKE_TOKEN as TOKEN, FAKE_ZONE_ID as ZONE_ID, startFakeCloudflare, startFakeZone, type FakeCloudflare, type FakeZone } from "../helpers/fake-cloudflare-api";
import { named } from "../helpers/plan-queries";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(async () => {
  await closeFakeCloudflares();
  removeTempFolders();
});

/** A Pro zone (unless told otherwise) with an active Universal certificate. */
function fake(zone: Omit<FakeZone, "zone"> & { plan?: string; status?: string } = {}): Promise<FakeCloudflare> {
  const plan = zone.plan ?? "pro";
  return startFakeZone({ certificatePacks: [{ id: "p1", type: "universal", status: "active" }], ...zone, zone: { plan: { id: "x", name: "Pro Website", legacy_id: plan } } });
}

/** An existing-zone tenant on Pro with a rate limit and an MX record. */
function tenant(extra: string[] = []): LoadedTenant {
  const yaml = [
    "aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]',
    `  zoneId: ${ZONE_ID}`, "  plan: pro",
    "  records: [{ type: MX, content: mx1.mail.example, priority: 10 }]",
    "  waf: { rateLimits: [{ path: /login, requests: 20 }] }",
    ...extra, "",
  ].join("\n");
  const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.tenant;
}

/** An existing-zone tenant with an admin path (the custom phase). */
function customTenant(plan: string): LoadedTenant {
  const yaml = [
    "aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]',
    `  zoneId: ${ZONE_ID}`, `  plan: ${plan}`,
    "  waf: { adminPaths: [{ path: /admin, allow: [198.51.100.0/24] }] }", "",
  ].join("\n");
  const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.tenant;
}

const record = (id: string, type: string, name: string, content: string, more: Record<string, unknown> = {}) => ({ id, type, name, content, ttl: 3600, proxied: false, ...more });

describe("edge preflight", () => {
  it("finds nothing on a zone that matches the file", async () => {
    const server = await fake();
    const result = await edgePreflight(server.api(), tenant().spec, ZONE_ID);
    expect(result.blocking).toEqual([]);
  });

  it("refuses a file whose plan is not the zone's, naming the field and its position", async () => {
    const server = await fake({ plan: "free" });
    const loaded = tenant();
    const result = await edgePreflight(server.api(), loaded.spec, ZONE_ID);
    expect(formatPreflight(loaded, result)).toBe(`${loaded.file}:9:9: edge.plan: says pro, but zone acme.example is on free (Pro Website): set edge.plan: free, or change the zone's plan first`);
  });

  it("lists the rules of the zone's entry points the deploy would replace, not the platform's own", async () => {
    const server = await fake({
      rulesets: [
        { id: "r1", name: "default", kind: "zone", phase: "http_ratelimit", rules: [{ id: "x1", action: "block", expression: 'http.request.uri.path eq "/api"', description: "API flood" }] },
        { id: "r2", name: "tenant-platform cache rules", kind: "zone", phase: "http_request_cache_settings" },
        { id: "r3", name: "Cloudflare Managed Ruleset", kind: "managed", phase: "http_request_firewall_managed" },
        { id: "r4", name: "dashboard", kind: "zone", phase: "http_request_transform" },
      ],
    });
    const result = await edgePreflight(server.api(), tenant().spec, ZONE_ID);
    expect(result.blocking).toEqual([{ path: ["edge", "waf", "rateLimits"], message: expect.stringContaining('phase http_ratelimit (id r1, "default") has 1 rule(s) the deploy would replace') }]);
    expect(result.adoptRulesets).toEqual({});
  });

  it("reads every page of the rulesets list, which is paged by cursor (at most 50 a page)", async () => {
    const dashboard = Array.from({ length: 60 }, (_, i) => ({ id: `d${i}`, name: `custom ${i}`, kind: "custom", phase: "http_request_firewall_custom" }));
    const server = await fake({ rulesets: [...dashboard, { id: "r1", name: "default", kind: "zone", phase: "http_ratelimit" }] });
    const result = await edgePreflight(server.api(), tenant().spec, ZONE_ID);
    expect(server.requests.filter((r) => r.includes("/rulesets?"))).toHaveLength(2);
    expect(result.adoptRulesets).toEqual({ http_ratelimit: { id: "r1", name: "default" } });
  });

  it("adopts an entry point whose rules the file keeps, under its own name; blocks one with other rules, listing each", async () => {
    const server = await fake({
      plan: "free",
      rulesets: [
        // Every Free zone's managed phase executes the Free Managed Ruleset, as the file's does.
        { id: "m1", name: "zone", kind: "zone", phase: "http_request_firewall_managed", rules: [{ id: "e1", action: "execute", expression: "true", action_parameters: { id: MANAGED_RULESETS.freeManaged } }] },
        { id: "c1", name: "dashboard rules", kind: "zone", phase: "http_request_firewall_custom", rules: [
          { id: "k1", action: "block", expression: 'ip.src.country eq "XX"', description: "Block XX", enabled: true },
          { id: "k2", action: "managed_challenge", expression: 'http.request.uri.path contains "/wp-login"', enabled: false },
        ] },
        // An entry point the platform adopted earlier carries its marker: the stack's own.
        { id: "q1", name: "old cache", kind: "zone", phase: "http_request_cache_settings", description: "Entry point adopted from the zone (tenant-platform)", rules: [{ id: "z1", action: "set_cache_settings", expression: "true" }] },
      ],
    });
    const loaded = customTenant("free");
    const result = await edgePreflight(server.api(), loaded.spec, ZONE_ID);
    expect(result.adoptRulesets).toEqual({ http_request_firewall_managed: { id: "m1", name: "zone" } });
    expect(formatPreflight(loaded, result)).toBe(
      `${loaded.file}:10:22: edge.waf.adminPaths: the zone's entry-point ruleset for phase http_request_firewall_custom (id c1, "dashboard rules") has 2 rule(s) the deploy would replace with the tenant file's:\n` +
      '    - "Block XX": block when ip.src.country eq "XX"\n' +
      '    - rule k2: managed_challenge when http.request.uri.path contains "/wp-login" (disabled)\n' +
      "  Move the ones to keep into the tenant file, delete them from that ruleset (dashboard, or PUT /zones/<zone>/rulesets/<id> without them), then deploy: the preflight adopts the ruleset",
    );
  });

  it("blocks a live zone's SSL mode below strict, naming its other proxied hosts, and notes the other settings it changes", async () => {
    const server = await fake({
      settings: { ssl: "flexible", always_use_https: "off", min_tls_version: "1.0", tls_1_3: "on", automatic_https_rewrites: "on" },
      records: [record("b1", "A", "shop.acme.example", "192.0.2.7", { proxied: true, ttl: 1 }), record("b2", "A", "mail.acme.example", "192.0.2.8")],
    });
    const loaded = tenant();
    const result = await edgePreflight(server.api(), loaded.spec, ZONE_ID);
    expect(formatPreflight(loaded, result)).toBe(
      `${loaded.file}:8:11: edge.zoneId: zone acme.example has SSL/TLS mode flexible; the deploy sets strict, and Cloudflare then refuses every proxied host whose origin has no valid certificate ` +
      "(other proxied hosts of the zone: shop.acme.example). Check that each serves a certificate a public CA issued (or a Cloudflare Origin CA certificate), set SSL/TLS mode Full (strict) in the dashboard, then deploy",
    );
    expect(result.notes).toEqual(expect.arrayContaining([
      'the deploy changes zone setting always_use_https from "off" to "on"',
      'the deploy changes zone setting min_tls_version from "1.0" to "1.2"',
    ]));
    expect(server.requests).toContain(`/client/v4/zones/${ZONE_ID}/settings/ssl`);
    const strict = await fake();
    expect((await edgePreflight(strict.api(), loaded.spec, ZONE_ID)).blocking).toEqual([]);
  });

  it("lists the Cloud Connector rules the media bucket would replace (it writes the whole list), not one equal to its own", async () => {
    const own = { id: "o1", provider: "aws_s3", expression: 'http.host eq "media.acme.example"', parameters: { host: "old.s3.eu-central-1.amazonaws.com" }, enabled: true };
    const server = await fake({
      cloudConnectorRules: [own, { id: "o2", provider: "r2", expression: 'http.host eq "files.acme.example"', parameters: { host: "files.r2.example" }, description: "Files from R2", enabled: true }],
    });
    const loaded = tenant(["media: { corsOrigins: [https://www.acme.example] }"]);
    const result = await edgePreflight(server.api(), loaded.spec, ZONE_ID);
    expect(formatPreflight(loaded, result)).toBe(
      `${loaded.file}:12:1: media: zone acme.example has 1 Cloud Connector rule(s) the media bucket's would replace (it writes the whole list):\n` +
      '    - "Files from R2": r2 files.r2.example when http.host eq "files.acme.example"\n' +
      "  Serve those hosts another way (or drop the media section), delete the rules (dashboard: Rules > Cloud Connector), then deploy",
    );
    const alone = await fake({ cloudConnectorRules: [own] });
    expect((await edgePreflight(alone.api(), loaded.spec, ZONE_ID)).blocking).toEqual([]);
  });

  it("on Pro, lists the Free Managed Ruleset's execution as replaced by the plan's managed rulesets", async () => {
    const server = await fake({
      rulesets: [{ id: "m1", name: "zone", kind: "zone", phase: "http_request_firewall_managed", rules: [{ id: "e1", action: "execute", expression: "true", action_parameters: { id: MANAGED_RULESETS.freeManaged } }] }],
    });
    const result = await edgePreflight(server.api(), customTenant("pro").spec, ZONE_ID);
    expect(result.adoptRulesets).toEqual({});
    expect(result.blocking).toEqual([{ path: ["edge", "waf", "managedRules"], message: expect.stringContaining(`\n    - rule e1: execute ruleset ${MANAGED_RULESETS.freeManaged} when true\n`) }]);
  });

  it("never adopts on a zone the stack created: another entry point there is refused (error 20217)", async () => {
    const server = await fake({ plan: "free", rulesets: [{ id: "m1", name: "zone", kind: "zone", phase: "http_request_firewall_managed" }] });
    const spec = { ...customTenant("free").spec };
    spec.edge = { ...spec.edge, zoneId: undefined, accountId: "0123456789abcdef0123456789abcdef" };
    const result = await edgePreflight(server.api(), spec, ZONE_ID);
    expect(result.adoptRulesets).toEqual({});
    expect(result.blocking).toEqual([{ path: ["edge", "waf", "managedRules"], message: expect.stringContaining('phase http_request_firewall_managed (id m1, "zone"): creating the platform\'s fails with error 20217') }]);
  });

  it("adopts an equal record, refuses a record where a web hostname's CNAME must stand alone, reading every page", async () => {
    const server = await fake({
      records: [
        record("a1", "TXT", "acme.example", "v=spf1 -all"),
        record("a2", "TXT", "other.acme.example", "x"),
        record("a3", "NS", "sub.acme.example", "ns.example"),
        record("a4", "A", "www.acme.example", "192.0.2.10"),
        record("a5", "MX", "acme.example", "MX1.mail.example", { priority: 10 }),
        record("a6", "CNAME", "acme.example", "old.example", { comment: "Web hostname, proxied to the load balancer (tenant-platform)" }),
      ],
    });
    const api = server.api(2);
    const result = await edgePreflight(api, tenant().spec, ZONE_ID);
    expect(server.requests.filter((r) => r.includes("/dns_records"))).toHaveLength(3);
    expect(result.adoptRecords).toEqual({ "MX acme.example mx1.mail.example 10": `${ZONE_ID}/a5` });
    expect(result.blocking.map((f) => [f.path, f.message.split(":")[0]])).toEqual([[["edge", "hostnames", 1], "www.acme.example already has a A record (id a4, 192.0.2.10)"]]);
  });

  it("adopts a TXT record the dashboard stored quoted, or split into several strings, instead of creating a second one", async () => {
    const server = await fake({
      records: [
        record("t1", "TXT", "acme.example", '"v=spf1 include:amazonses.com " "-all"'),
        record("t2", "TXT", "_verify.acme.example", '"token=\\"x\\""'),
      ],
    });
    const spec = tenant().spec;
    const records = [
      ...spec.edge.records,
      { type: "TXT" as const, name: "@", content: "v=spf1 include:amazonses.com -all", ttl: 3600 },
      { type: "TXT" as const, name: "_verify", content: 'token="x"', ttl: 3600 },
    ];
    const result = await edgePreflight(server.api(), { ...spec, edge: { ...spec.edge, records } }, ZONE_ID);
    expect(result.adoptRecords).toEqual({
      "TXT acme.example v=spf1 include:amazonses.com -all ": `${ZONE_ID}/t1`,
      'TXT _verify.acme.example token="x" ': `${ZONE_ID}/t2`,
    });
  });

  it("adopts an AAAA record whose address the file writes another way (compared as addresses, not text)", async () => {
    const server = await fake({
      records: [
        record("v1", "AAAA", "v6.acme.example", "2001:db8::10"),
        record("v2", "AAAA", "v6.acme.example", "2001:db8::1:0"),
      ],
    });
    const spec = tenant().spec;
    const records = [
      ...spec.edge.records,
      { type: "AAAA" as const, name: "v6", content: "2001:0DB8:0:0:0:0:0:0010", proxied: false, ttl: 300 },
      { type: "AAAA" as const, name: "v6", content: "2001:db8::1:1", proxied: false, ttl: 300 },
    ];
    const result = await edgePreflight(new CloudflareApi({ token: TOKEN, baseUrl: server.baseUrl }), { ...spec, edge: { ...spec.edge, records } }, ZONE_ID);
    expect(result.adoptRecords).toEqual({ "AAAA v6.acme.example 2001:db8::10 ": `${ZONE_ID}/v1` });
  });

  it("does not take the platform's own DMARC record (as the mail component writes it) for a second one; a foreign one blocks", async () => {
    const loaded = tenant(["mail: {}"]);
    const plan = await planTenant("acme", loaded.file.replace(/\/acme\.yaml$/, ""));
    const dmarc = plan.resources.find((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs["name"] === "_dmarc.acme.example")!;
    const own = record("m1", "TXT", "_dmarc.acme.example", `"${String(dmarc.inputs["content"])}"`, { comment: dmarc.inputs["comment"] });
    const server = await fake({ records: [own] });
    const api = server.api();
    expect((await edgePreflight(api, loaded.spec, ZONE_ID)).blocking).toEqual([]);
    const foreign = await fake({ records: [{ ...own, id: "m2", comment: "added by hand" }] });
    const blocked = await edgePreflight(foreign.api(), loaded.spec, ZONE_ID);
    expect(blocked.blocking.map((f) => [f.path.join("."), f.message.split(":")[0]])).toEqual([["mail.dmarc", "_dmarc.acme.example already has a DMARC record (id m2)"]]);
  });

  it("does not adopt the platform's own record (already in the stack: an import would replace it, deleting the record)", async () => {
    const server = await fake({ records: [record("a5", "MX", "acme.example", "mx1.mail.example", { priority: 10, comment: "Tenant record (tenant-platform)" })] });
    const result = await edgePreflight(server.api(), tenant().spec, ZONE_ID);
    expect(result.adoptRecords).toEqual({});
    expect(result.blocking).toEqual([]);
  });

  it("refuses delegated before the zone is active, and enforced origin pulls before the certificate is active", async () => {
    const server = await fake({ status: "pending", originPullCertificates: [{ id: "c1", status: "pending_deployment" }] });
    const spec = tenant().spec;
    const result = await edgePreflight(server.api(), { ...spec, edge: { ...spec.edge, originPulls: true } }, ZONE_ID);
    expect(result.blocking.map((f) => f.path.join("."))).toEqual(["edge.delegated", "edge.originPulls"]);
    expect(result.notes).toContain("origin-pull certificates: c1 pending_deployment");
  });

  it("requires for originPulls: true that the newest certificate signed by the zone's own CA be active, not just any certificate", async () => {
    const pem = (name: string) => readFileSync(path.join(__dirname, "../fixtures/origin-pull", `${name}.pem`), "utf8");
    const spec = tenant().spec;
    const enforced = { ...spec, edge: { ...spec.edge, originPulls: true as const } };
    const check = async (certificates: FakeZone["originPullCertificates"]) => {
      const server = await fake({ originPullCertificates: certificates });
      return (await edgePreflight(server.api(), enforced, ZONE_ID)).blocking.map((f) => f.message);
    };
    const ours = { id: "c1", status: "active", expires_on: "2030-01-01T00:00:00Z", certificate: pem("ours") };
    expect(await check([{ id: "f1", status: "active", expires_on: "2031-01-01T00:00:00Z", certificate: pem("foreign") }]))
      .toEqual([expect.stringContaining("no origin-pull certificate signed by its own CA")]);
    expect(await check([ours, { ...ours, id: "c2", status: "pending_deployment", expires_on: "2035-01-01T00:00:00Z" }]))
      .toEqual([expect.stringContaining("newest origin-pull certificate of its own CA (id c2) is pending_deployment")]);
    expect(await check([ours, { ...ours, id: "c0", status: "pending_deletion", expires_on: "2029-01-01T00:00:00Z" }])).toEqual([]);
  });

  it("lists an ACM validation record left on the zone under a web hostname (the deploy's certificate asks for the same one)", async () => {
    const yaml = webTenantYaml().replace(/ {2}loadBalancer:\n {4}certificateArn: .*\n/, "").replace("  accountId: 0123456789abcdef0123456789abcdef\n", `  zoneId: ${ZONE_ID}\n`);
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const server = await fake({
      plan: loaded.tenant.spec.edge.plan,
      records: [
        record("v1", "CNAME", "_3f9a.www.acme.example", "_77bc.xlfgrmvvlj.acm-validations.aws."),
        record("v2", "CNAME", "_1234.other.acme.example", "_99aa.xlfgrmvvlj.acm-validations.aws."),
      ],
    });
    const result = await edgePreflight(server.api(), loaded.tenant.spec, ZONE_ID);
    expect(result.blocking.map((f) => [f.path.join("."), f.message.split(":")[0]])).toEqual([
      ["edge.hostnames.1", "_3f9a.www.acme.example is an ACM validation record not made by the platform (id v1, _77bc.xlfgrmvvlj.acm-validations.aws.)"],
    ]);
  });

  it("reports the API's error envelope with its codes", async () => {
    const server = await fake();
    const api = new CloudflareApi({ token: "wrong", baseUrl: server.baseUrl });
    const failure = await api.zone(ZONE_ID).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CloudflareApiError);
    expect((failure as CloudflareApiError).message).toBe(`GET /zones/${ZONE_ID}: HTTP 403: 9109: Invalid access token`);
    expect((failure as CloudflareApiError).codes).toEqual([9109]);
  });
});

describe("npm run edge:preflight", () => {
  it("exits 1 with the positioned list when something blocks, 0 otherwise", async () => {
    const server = await fake({ records: [record("a4", "CNAME", "www.acme.example", "old.example")] });
    const loaded = tenant();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const env = { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE: server.baseUrl };
    expect(await main([loaded.file], env, io)).toBe(1);
    expect(err.join("\n")).toMatch(new RegExp(`^${loaded.file}:7:\\d+: edge.hostnames\\[1\\]: www.acme.example already has a CNAME record`));
    const clean = await fake();
    expect(await main([loaded.file], { ...env, CLOUDFLARE_API_BASE: clean.baseUrl }, io)).toBe(0);
    expect(await main([loaded.file], {}, io)).toBe(2);
  });
});

describe("the program's edge preflight", () => {
  it("refuses the deploy with the exact list, and imports an equal record", async () => {
    const blocked = await startFakeZone({
      token: OFFLINE_CLOUDFLARE_TOKEN, plan: "pro",
      rulesets: [{ id: "r1", name: "default", kind: "zone", phase: "http_request_cache_settings", rules: [{ id: "x1", action: "set_cache_settings", expression: "true", description: "Cache everything" }] }],
    });
    const loaded = tenant();
    const dir = loaded.file.replace(/\/acme\.yaml$/, "");
    vi.stubEnv("CLOUDFLARE_API_BASE", blocked.baseUrl);
    try {
      await expect(planTenant("acme", dir, { preflightEdge: true })).rejects.toThrow(/the Cloudflare zone acme.example is not ready for tenant acme[\s\S]*edge.cache: the zone's entry-point ruleset for phase http_request_cache_settings \(id r1, "default"\) has 1 rule\(s\) the deploy would replace[\s\S]*"Cache everything": set_cache_settings when true/);
      const adoptable = await startFakeZone({
        token: OFFLINE_CLOUDFLARE_TOKEN, plan: "pro",
        records: [record("a5", "MX", "acme.example", "mx1.mail.example", { priority: 10 })],
        rulesets: [{ id: "r2", name: "default", kind: "zone", phase: "http_request_cache_settings" }],
      });
      vi.stubEnv("CLOUDFLARE_API_BASE", adoptable.baseUrl);
      const plan = await planTenant("acme", dir, { preflightEdge: true });
      const mx = plan.resources.find((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs["type"] === "MX")!;
      expect(mx.options.importId).toBe(`${ZONE_ID}/a5`);
      const offline = await planTenant("acme", dir);
      expect(named(offline, "cloudflare:index/dnsRecord:DnsRecord", mx.name).options.importId).toBeUndefined();
      // The cache entry point is imported under its own name (a new name would replace it).
      const cache = plan.resources.find((r) => r.type === "cloudflare:index/ruleset:Ruleset" && r.inputs["phase"] === "http_request_cache_settings")!;
      expect(cache.options.importId).toBe(`zones/${ZONE_ID}/r2`);
      expect(cache.inputs["name"]).toBe("default");
      expect(cache.inputs["description"]).toBe("Cache rules (tenant-platform)");
      const offlineCache = named(offline, "cloudflare:index/ruleset:Ruleset", cache.name);
      expect(offlineCache.options.importId).toBeUndefined();
      expect(offlineCache.inputs["name"]).toBe("tenant-platform cache rules");
      expect(offlineCache.options.ignoreChanges).toEqual(["name"]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("the program's edge preflight on a zone the stack created (no edge.zoneId)", () => {
  const ACCOUNT = "0123456789abcdef0123456789abcdef";
  function created(delegated: boolean): LoadedTenant {
    const yaml = [
      "aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]',
      `  accountId: ${ACCOUNT}`, "  currentOrigin: old-host.example", `  delegated: ${delegated}`, "",
    ].join("\n");
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    return loaded.tenant;
  }
  async function plan(loaded: LoadedTenant, zones: FakeZone[]): Promise<string> {
    const server = await startFakeCloudflare(OFFLINE_CLOUDFLARE_TOKEN, zones);
    vi.stubEnv("CLOUDFLARE_API_BASE", server.baseUrl);
    try {
      return await planTenant("acme", loaded.file.replace(/\/acme\.yaml$/, ""), { preflightEdge: true }).then(() => "planned", (e: unknown) => (e as Error).message);
    } finally {
      vi.unstubAllEnvs();
    }
  }
  const zone = (status: string, packs: FakeZone["certificatePacks"]): FakeZone => ({
    zone: { id: ZONE_ID, name: "acme.example", status, plan: { legacy_id: "free" }, account: { id: ACCOUNT } },
    certificatePacks: packs,
  });

  it("finds the zone by name in the account and refuses delegated: true while it is pending or has no active edge certificate", async () => {
    const loaded = created(true);
    expect(await plan(loaded, [zone("pending", [])])).toMatch(new RegExp(`${loaded.file}:10:\\d+: edge\\.delegated: is true, but zone acme\\.example is pending`));
    expect(await plan(loaded, [zone("active", [{ id: "p1", type: "universal", status: "pending_validation" }])])).toMatch(/edge\.delegated: is true while the zone has no active edge certificate/);
    expect(await plan(loaded, [zone("active", [{ id: "p1", type: "advanced", status: "active", hosts: ["acme.example"] }])]))
      .toMatch(new RegExp(`${loaded.file}:7:\\d+: edge\\.hostnames\\[1\\]: www\\.acme\\.example is in no active edge certificate`));
    expect(await plan(loaded, [zone("active", [{ id: "p1", type: "universal", status: "active", hosts: ["acme.example", "*.acme.example"] }])])).toBe("planned");
  });

  it("never adopts a record of a zone the stack created: an equal record there is the stack's own", async () => {
    const server = await startFakeCloudflare(TOKEN, [{ ...zone("active", []), records: [record("x1", "TXT", "acme.example", "v=spf1 -all")] }]);
    const spec = created(false).spec;
    const withRecord = { ...spec, edge: { ...spec.edge, records: [{ type: "TXT" as const, name: "@", content: "v=spf1 -all", ttl: 3600 }] } };
    const api = server.api();
    expect((await edgePreflight(api, withRecord, ZONE_ID)).adoptRecords).toEqual({});
    expect((await edgePreflight(api, { ...withRecord, edge: { ...withRecord.edge, zoneId: ZONE_ID } }, ZONE_ID)).adoptRecords).toEqual({ "TXT acme.example v=spf1 -all ": `${ZONE_ID}/x1` });
  });

  it("refuses a plan downgrade of the zone the stack bought (the subscription's delete does nothing: the zone would stay billed)", async () => {
    const pro: FakeZone = { ...zone("active", [{ id: "p1", type: "universal", status: "active", hosts: ["acme.example", "*.acme.example"] }]) };
    pro.zone = { ...pro.zone, plan: { legacy_id: "pro", name: "Pro Website" } };
    const loaded = created(true);
    expect(await plan(loaded, [pro])).toMatch(new RegExp(`${loaded.file}:5:1: edge.plan: says free, but zone acme\\.example is on pro \\(Pro Website\\), bought by this stack: a deploy cannot downgrade it`));
  });

  it("refuses delegated: true before the zone exists, and lets the first deploy create it", async () => {
    expect(await plan(created(true), [])).toMatch(/edge\.delegated: is true, but the zone acme\.example does not exist yet/);
    expect(await plan(created(false), [])).toBe("planned");
  });
});
