/** What Cloudflare needs that the offline plan used to miss: the zone's plan bought, bots by plan, origin pulls and URLs as the file says. */
import { afterEach, describe, expect, it } from "vitest";
import { idOf, named } from "../helpers/plan-queries";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

const SUBSCRIPTION = "cloudflare:index/zoneSubscription:ZoneSubscription";
const BOTS = "cloudflare:index/botManagement:BotManagement";
const PULL_SETTINGS = "cloudflare:index/authenticatedOriginPullsSettings:AuthenticatedOriginPullsSettings";
const PULL_CERTIFICATE = "cloudflare:index/authenticatedOriginPullsCertificate:AuthenticatedOriginPullsCertificate";
const RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const EXISTING = "zoneId: fedcba9876543210fedcba9876543210";

/** A web tenant issuing its own certificate, in a created and delegated zone, with extra edge lines. */
function edgeTenant(edgeLines: string[] = [], extra = ""): string {
  return webTenantYaml()
    .replace(/ {2}loadBalancer:\n {4}certificateArn: .*\n/, "")
    .replace("  accountId: 0123456789abcdef0123456789abcdef\n", `  accountId: 0123456789abcdef0123456789abcdef\n  delegated: true\n${edgeLines.map((l) => `  ${l}\n`).join("")}`) + extra;
}

describe("the zone's plan", () => {
  it("is bought for a created Pro zone, before anything that needs it", async () => {
    const plan = await planYaml("acme", edgeTenant(["plan: pro", "waf: { rateLimits: [{ path: /login, requests: 5, periodSeconds: 60 }] }"]));
    const zone = named(plan, "cloudflare:index/zone:Zone", "acme-zone");
    const subscription = named(plan, SUBSCRIPTION, "acme-plan");
    expect(subscription.inputs).toEqual({ zoneId: idOf(plan, zone), ratePlan: { id: "pro" }, frequency: "monthly" });
    expect(subscription.options.retainOnDelete).toBe(true);
    for (const ruleset of ofType(plan, "cloudflare:index/ruleset:Ruleset")) expect(ruleset.options.dependsOn, ruleset.name).toEqual([subscription.urn]);
    expect(named(plan, BOTS, "acme-bots").options.dependsOn).toEqual([subscription.urn]);
  });

  it("is not bought for a Free zone or an existing zone", async () => {
    expect(ofType(await planYaml("acme", edgeTenant()), SUBSCRIPTION)).toEqual([]);
    const existing = await planYaml("acme", edgeTenant(["plan: business"]).replace("accountId: 0123456789abcdef0123456789abcdef", EXISTING));
    expect(ofType(existing, SUBSCRIPTION)).toEqual([]);
  });
});

describe("bot protection", () => {
  const bots = async (lines: string[]) => named(await planYaml("acme", edgeTenant(lines)), BOTS, "acme-bots").inputs;

  it("is Bot Fight Mode on Free and Super Bot Fight Mode from Pro, with the likely class from Business", async () => {
    expect(await bots([])).toEqual({ zoneId: expect.any(String), fightMode: true });
    expect(await bots(["plan: pro"])).toEqual({
      zoneId: expect.any(String), fightMode: false, sbfmDefinitelyAutomated: "managed_challenge", sbfmVerifiedBots: "allow", sbfmStaticResourceProtection: false,
    });
    expect(await bots(["plan: business"])).toMatchObject({ fightMode: false, sbfmDefinitelyAutomated: "managed_challenge", sbfmLikelyAutomated: "managed_challenge" });
  });

  it("is turned off by sending off, since deleting the resource leaves the mode on", async () => {
    expect(await bots(["waf: { botFightMode: false }"])).toEqual({ zoneId: expect.any(String), fightMode: false });
    expect(await bots(["plan: business", "waf: { botFightMode: false }"])).toMatchObject({ sbfmDefinitelyAutomated: "allow", sbfmLikelyAutomated: "allow" });
  });
});

describe("origin pulls", () => {
  it("are sent as off when the file has them off (the setting's delete does nothing)", async () => {
    const plan = await planYaml("acme", edgeTenant());
    expect(named(plan, PULL_SETTINGS, "acme-origin-pull").inputs).toMatchObject({ enabled: false });
    expect(ofType(plan, PULL_CERTIFICATE)).toEqual([]);
  });

  it("staged: Cloudflare presents the certificate, the load balancer does not require it yet", async () => {
    const plan = await planYaml("acme", edgeTenant(['originPulls: "staged"']));
    const upload = named(plan, PULL_CERTIFICATE, "acme-origin-pull");
    expect(upload.options.retainOnDelete).toBe(true);
    expect(named(plan, PULL_SETTINGS, "acme-origin-pull").inputs).toMatchObject({ enabled: true });
    expect(named(plan, "aws:lb/listener:Listener", "acme-https").inputs["mutualAuthentication"]).toBeUndefined();
    expect(ofType(plan, "aws:lb/trustStore:TrustStore")).toEqual([]);
  });

  it("enforced: the load balancer verifies the certificate, with the same certificate resources as staged", async () => {
    const staged = await planYaml("acme", edgeTenant(['originPulls: "staged"']));
    const enforced = await planYaml("acme", edgeTenant(["originPulls: true"]));
    expect(named(enforced, "aws:lb/listener:Listener", "acme-https").inputs["mutualAuthentication"]).toMatchObject({ mode: "verify" });
    const urns = (plan: typeof staged) => plan.resources.filter((r) => r.type.startsWith("tls:") || r.type === PULL_CERTIFICATE).map((r) => r.urn).sort();
    expect(urns(enforced)).toEqual(urns(staged));
  });
});

describe("admin paths", () => {
  it("are judged on normalized URLs: the zone merges repeated slashes and sends the origin the URL the rules judged", async () => {
    const plan = await planYaml("acme", edgeTenant(["waf: { adminPaths: [{ path: /Admin, allow: [192.0.2.1] }] }"]));
    expect(named(plan, "cloudflare:index/urlNormalizationSettings:UrlNormalizationSettings", "acme-url-normalization").inputs).toMatchObject({ type: "cloudflare", scope: "both" });
    const [rule] = named(plan, "cloudflare:index/ruleset:Ruleset", "acme-waf-custom").inputs["rules"] as { expression: string }[];
    expect(rule!.expression).toBe('(lower(http.request.uri.path) eq "/admin" or starts_with(lower(http.request.uri.path), "/admin/")) and not ip.src in {192.0.2.1}');
  });
});

describe("a live site taken over", () => {
  it("keeps pointing at its current hosting, unproxied, until the cutover, then the same records proxy to the load balancer", async () => {
    const before = await planYaml("acme", edgeTenant(["currentOrigin: old-host.example"]).replace("  delegated: true\n", ""));
    const web = ofType(before, RECORD).filter((r) => r.name.startsWith("acme-web-"));
    expect(web.map((r) => r.inputs)).toEqual([expect.objectContaining({ type: "CNAME", content: "old-host.example", proxied: false, ttl: 300 }), expect.objectContaining({ content: "old-host.example", proxied: false })]);
    const after = await planYaml("acme", edgeTenant(["currentOrigin: old-host.example"]));
    const proxied = ofType(after, RECORD).filter((r) => r.name.startsWith("acme-web-"));
    expect(proxied.map((r) => r.urn)).toEqual(web.map((r) => r.urn));
    expect(proxied.map((r) => r.inputs)).toEqual([expect.objectContaining({ type: "CNAME", proxied: true, ttl: 1 }), expect.objectContaining({ proxied: true, ttl: 1 })]);
  });
});
