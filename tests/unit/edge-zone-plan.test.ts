/** Deploy-time check of an existing zone's plan (getZone through the tenant's provider), and the Cloudflare mock's refusals. */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import { edgePreflight } from "../../program/edge-preflight/edge-preflight";
import { mockResourceState } from "../../tools/plan/mock-fixtures";
import { loadTenantFile, type LoadedTenant } from "../../tenant-schema/load-tenant";
import { checkZonePlan } from "../../program/tenant/edge-preflight-step";
import { closeFakeCloudflares, startFakeZone } from "../helpers/fake-cloudflare-api";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";

afterEach(async () => {
  await closeFakeCloudflares();
  removeTempFolders();
});

function tenant(): LoadedTenant {
  const yaml = ["aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", "  hostnames: [www]",
    "  zoneId: fedcba9876543210fedcba9876543210", "  plan: pro", ""].join("\n");
  const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.tenant;
}

/** Runs the check with getZone answering the given plan (legacy id), as the API would. */
async function check(legacyId: string | undefined): Promise<unknown> {
  void pulumi.runtime.setMocks({
    call: (args) => (args.token === "cloudflare:index/getZone:getZone"
      ? { id: args.inputs["zoneId"], name: "acme.example", status: "active", ...(legacyId ? { plan: { legacyId, name: "Free Website" } } : {}) }
      : {}),
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
  }, "tenant-platform", "acme", false);
  const provider = new cloudflare.Provider("acme-cloudflare", {});
  return checkZonePlan(tenant(), provider).then(() => "accepted", (error: unknown) => (error as Error).message);
}

describe("an existing zone's plan", () => {
  it("is refused at deploy time when it is not edge.plan, naming the field", async () => {
    expect(await check("free")).toMatch(/acme\.yaml:9:9: edge\.plan: says pro, but zone acme\.example \(fedcba9876543210fedcba9876543210\) is on free: set edge\.plan: free, or change the zone's plan first$/);
  });

  it("names the tenant-file plan to use for a zone on a plan the file cannot name", async () => {
    expect(await check("pro_plus")).toBe("accepted");
    expect(await check("lite")).toMatch(/edge\.plan: says pro, but zone acme\.example \(fedcba9876543210fedcba9876543210\) is on lite: set edge\.plan: free \(the tenant file names free, pro, business, enterprise; free is the one below lite\), or change the zone's plan first$/);
    expect(await check("partners_pro")).toMatch(/is on partners_pro: the tenant file names free, pro, business, enterprise, not partners_pro: set edge\.plan: free, the plan every zone has the features of, or change the zone's plan first$/);
  });

  it("the preflight also names the tenant-file plan for a zone on pro_plus, and accepts pro there", async () => {
    const server = await startFakeZone({ plan: "pro_plus", zone: { plan: { legacy_id: "pro_plus", name: "Pro Plus Website" } }, certificatePacks: [{ id: "p1", type: "universal", status: "active" }] });
    const onBusiness = { ...tenant().spec, edge: { ...tenant().spec.edge, plan: "business" as const } };
    expect((await edgePreflight(server.api(), onBusiness, onBusiness.edge.zoneId!)).blocking.map((f) => f.message)).toContain(
      "says business, but zone acme.example is on pro_plus (Pro Plus Website): set edge.plan: pro (the tenant file names free, pro, business, enterprise; pro is the one below pro_plus), or change the zone's plan first");
    expect((await edgePreflight(server.api(), tenant().spec, tenant().spec.edge.zoneId!)).blocking.filter((f) => f.path.join(".") === "edge.plan")).toEqual([]);
  });

  it("is accepted when it matches, and not checked when unknown (the offline plan)", async () => {
    expect(await check("pro")).toBe("accepted");
    expect(await check(undefined)).toBe("accepted");
  });
});

describe("the Cloudflare mock", () => {
  const state = (type: string, inputs: Record<string, unknown>) => () => mockResourceState(`cloudflare:index/${type}`, "acme-x", inputs, "eu-central-1");

  it("refuses what the API refuses", () => {
    expect(state("dnsRecord:DnsRecord", { type: "MX", name: "acme.example", content: "mx.example", priority: 10, proxied: true, ttl: 1 })).toThrow(/a MX record cannot be proxied/);
    expect(state("dnsRecord:DnsRecord", { type: "CNAME", name: "www.acme.example", content: "x.example", proxied: true, ttl: 300 })).toThrow(/a proxied record's ttl is 1/);
    expect(state("dnsRecord:DnsRecord", { type: "TXT", name: "acme.example", content: "x", ttl: 5 })).toThrow(/ttl 5 is neither 1/);
    expect(state("zoneSubscription:ZoneSubscription", { zoneId: "z", ratePlan: { id: "premium" } })).toThrow(/ratePlan.id "premium" is not one of/);
    expect(state("originCaCertificate:OriginCaCertificate", { csr: "x", hostnames: ["acme.example"], requestType: "origin-ecc", requestedValidity: 400 })).toThrow(/requestedValidity 400/);
    expect(state("urlNormalizationSettings:UrlNormalizationSettings", { zoneId: "z", type: "strict", scope: "both" })).toThrow(/type "strict"/);
  });

  it("computes what the API returns", () => {
    expect(state("originCaCertificate:OriginCaCertificate", { csr: "x", hostnames: ["acme.example"], requestType: "origin-ecc", requestedValidity: 5475 })().state["certificate"]).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(state("authenticatedOriginPullsCertificate:AuthenticatedOriginPullsCertificate", { zoneId: "z" })().state["status"]).toBe("pending_deployment");
    expect(state("zone:Zone", { name: "acme.example" })().state["status"]).toBe("pending");
  });
});
