/**
 * The Edge component on its own: a small args object (a zone it creates on Free, two hostnames
 * proxied to a load balancer, one MX record), explicit providers, and what its doc comments
 * promise (components/edge/edge.ts, args.ts): the zone kept, proxied web records with TTL 1,
 * strict TLS settings, entry-point rulesets deleted before being replaced, and the load
 * balancer's certificate: ACM's once the zone is delegated, the Origin CA's until then.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EDGE_DEFAULTS, Edge, type EdgeArgs } from "../../components/edge";
import { MANAGED_RULESETS, PLATFORM_RULESETS } from "../../components/edge/plans";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, childrenOfType, conventionViolations, idOf } from "./conventions";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ORIGIN = "shop-alb-1234567-1234567890.eu-central-1.elb.amazonaws.com";
const RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const RULESET = "cloudflare:index/ruleset:Ruleset";
const SETTING = "cloudflare:index/zoneSetting:ZoneSetting";

const ARGS: EdgeArgs = {
  ...EDGE_DEFAULTS,
  zoneName: "shop.example",
  hostnames: ["shop.example", "www.shop.example"],
  accountId: ACCOUNT,
  originHostname: ORIGIN,
  delegated: true,
  records: [{ type: "MX", name: "shop.example", content: "mx.mail.example", ttl: 3600, priority: 10 }],
};

const planEdge = (args: EdgeArgs) => planComponent(({ opts }) => new Edge("shop", args, opts));

let plan: ComponentPlan;
beforeAll(async () => {
  plan = await planEdge(ARGS);
});

describe("Edge, alone", () => {
  it("keeps the component conventions: Cloudflare and AWS children below it on the given providers, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, {
      type: "tenant-platform:edge:Edge",
      name: "shop",
      outputs: ["zoneId", "nameServers", "certificateArn", "hostnames", "cutoverNote"],
    })).toEqual([]);
    const zone = child(plan, "cloudflare:index/zone:Zone", "shop-zone");
    expect(zone.provider).toBe(plan.providers.cloudflare);
    expect(child(plan, "aws:acm/certificate:Certificate", "shop-certificate").provider).toBe(plan.providers.aws);
    expect(plan.componentOutputs).toMatchObject({ zoneId: idOf(plan, zone), hostnames: ["shop.example", "www.shop.example"] });
  });

  it("creates the zone in the given account and keeps it: protected and retained on delete", () => {
    const zone = child(plan, "cloudflare:index/zone:Zone", "shop-zone");
    expect(zone.inputs).toMatchObject({ account: { id: ACCOUNT }, name: "shop.example", type: "full" });
    expect(zone.options).toMatchObject({ protect: true, retainOnDelete: true });
    // A Free zone buys no plan.
    expect(plan.descendants.filter((r) => r.type === "cloudflare:index/zoneSubscription:ZoneSubscription")).toEqual([]);
  });

  it("proxies the web hostnames to the origin with the automatic TTL, named by host label, and leaves other records unproxied", () => {
    const zoneId = idOf(plan, child(plan, "cloudflare:index/zone:Zone", "shop-zone"));
    for (const [label, fqdn] of [["apex", "shop.example"], ["www", "www.shop.example"]] as const) {
      expect(child(plan, RECORD, `shop-web-${label}`).inputs).toMatchObject({ zoneId, name: fqdn, type: "CNAME", content: ORIGIN, proxied: true, ttl: 1 });
    }
    const mx = [...childrenOfType(plan, RECORD).values()].filter((r) => r.inputs["type"] === "MX");
    expect(mx.map((r) => r.inputs)).toEqual([expect.objectContaining({ name: "shop.example", content: "mx.mail.example", priority: 10, proxied: false, ttl: 3600 })]);
    expect(mx[0]!.name).toMatch(/^shop-record-mx-apex-[0-9a-f]{7}$/);
  });

  it("enforces strict TLS to the origin, HTTPS only, TLS 1.2 and up", () => {
    const settings = Object.fromEntries([...childrenOfType(plan, SETTING).values()].map((s) => [s.inputs["settingId"], s.inputs["value"]]));
    expect(settings).toMatchObject({ ssl: "strict", always_use_https: "on", min_tls_version: "1.2", tls_1_3: "on" });
  });

  it("runs the plan's managed WAF ruleset and the cache rules as entry points under fixed names, deleted before being replaced", () => {
    const waf = child(plan, RULESET, "shop-waf-managed");
    expect(waf.inputs).toMatchObject({ kind: "zone", phase: "http_request_firewall_managed", name: PLATFORM_RULESETS.http_request_firewall_managed });
    expect(waf.inputs["rules"]).toEqual([expect.objectContaining({ action: "execute", actionParameters: { id: MANAGED_RULESETS.freeManaged } })]);
    for (const ruleset of childrenOfType(plan, RULESET).values()) {
      expect(ruleset.options, ruleset.name).toMatchObject({ deleteBeforeReplace: true, ignoreChanges: ["name"] });
    }
    // The documented default edge lifetime of static assets: 30 days.
    expect(child(plan, RULESET, "shop-cache-rules").inputs["rules"]).toContainEqual(expect.objectContaining({
      actionParameters: expect.objectContaining({ edgeTtl: { mode: "override_origin", default: 2592000 } }),
    }));
  });

  it("issues ACM's certificate for the hostnames once the zone is delegated, validated through CNAME records in the zone", () => {
    const certificate = child(plan, "aws:acm/certificate:Certificate", "shop-certificate");
    expect(certificate.inputs).toMatchObject({ domainName: "shop.example", subjectAlternativeNames: ["www.shop.example"], validationMethod: "DNS" });
    const validation = child(plan, "aws:acm/certificateValidation:CertificateValidation", "shop-certificate");
    expect(validation.inputs["certificateArn"]).toBe(plan.componentOutputs["certificateArn"]);
    for (const label of ["apex", "www"]) expect(child(plan, RECORD, `shop-certificate-${label}`).inputs).toMatchObject({ type: "CNAME", proxied: false });
  });
});

describe("Edge of a zone not delegated yet (the default for a zone it creates)", () => {
  let undelegated: ComponentPlan;
  beforeAll(async () => {
    undelegated = await planEdge({ ...ARGS, delegated: undefined });
  });

  it("gives the load balancer a Cloudflare Origin CA certificate and asks ACM for nothing", () => {
    expect(undelegated.descendants.filter((r) => r.type === "aws:acm/certificateValidation:CertificateValidation")).toEqual([]);
    expect([...childrenOfType(undelegated, "aws:acm/certificate:Certificate").keys()]).toEqual(["shop-origin-ca"]);
    expect(child(undelegated, "cloudflare:index/originCaCertificate:OriginCaCertificate", "shop-origin-ca").provider).toBe(undelegated.providers.cloudflare);
    expect(child(undelegated, "tls:index/privateKey:PrivateKey", "shop-origin-ca").provider).toBe(undelegated.providers.tls);
    expect(conventionViolations(undelegated, { type: "tenant-platform:edge:Edge", name: "shop", outputs: ["zoneId", "nameServers", "certificateArn", "hostnames", "cutoverNote"] })).toEqual([]);
  });

  it("keeps every other child under its URN: the zone, its records and rulesets are the same resources", () => {
    const certificateParts = (urn: string) => /::shop-(certificate|origin-ca)[^:]*$/.test(urn);
    expect(undelegated.descendants.map((r) => r.urn).filter((urn) => !certificateParts(urn)).sort())
      .toEqual(plan.descendants.map((r) => r.urn).filter((urn) => !certificateParts(urn)).sort());
  });
});
