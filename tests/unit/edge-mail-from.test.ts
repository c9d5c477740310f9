/** The mail component's MAIL FROM records (`bounce.<zone>`) checked against the zone like other records. */
import { afterEach, describe, expect, it } from "vitest";
import type { ApiDnsRecord } from "../../program/edge-preflight/cloudflare-api";
import { edgePreflight } from "../../program/edge-preflight/edge-preflight";
import { planTenant } from "../../tools/plan/run-plan";
import { loadTenantFile } from "../../tenant-schema/load-tenant";
import { closeFakeCloudflares, FAKE_ZONE_ID as ZONE_ID, startFakeZone } from "../helpers/fake-cloudflare-api";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";

afterEach(async () => {
  await closeFakeCloudflares();
  removeTempFolders();
});

describe("the MAIL FROM records in the edge preflight", () => {
  it("blocks an equal record not made by the platform (a duplicate), a different MX and a second SPF record; passes the platform's own and other TXT", async () => {
    const yaml = ["aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]', `  zoneId: ${ZONE_ID}`, "  plan: pro", "mail: {}", ""].join("\n");
    const file = writeTenant(tempFolder(), "acme", yaml);
    const loaded = loadTenantFile(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    // The records exactly as the program creates them.
    const plan = await planTenant("acme", file.replace(/\/acme\.yaml$/, ""));
    const planned = plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs["name"] === "bounce.acme.example");
    expect(planned.map((r) => r.inputs["type"]).sort()).toEqual(["MX", "TXT"]);
    const asApi = (id: string, comment: string | null): ApiDnsRecord[] => planned.map((r) => ({
      id: `${id}-${String(r.inputs["type"]).toLowerCase()}`, type: String(r.inputs["type"]), name: "bounce.acme.example",
      content: r.inputs["type"] === "TXT" ? `"${String(r.inputs["content"])}"` : String(r.inputs["content"]),
      ...(r.inputs["priority"] !== undefined ? { priority: Number(r.inputs["priority"]) } : {}), ttl: 3600, comment,
    }));
    const preflight = async (records: ApiDnsRecord[]) => {
      const server = await startFakeZone({ plan: "pro", records, certificatePacks: [{ id: "p1", type: "universal", status: "active" }] });
      return (await edgePreflight(server.api(), loaded.tenant.spec, ZONE_ID)).blocking;
    };
    const own = asApi("own", String(planned[0]!.inputs["comment"]));
    expect(await preflight([...own, { id: "v1", type: "TXT", name: "bounce.acme.example", content: "site-verification=abc", ttl: 3600 }])).toEqual([]);

    const duplicates = await preflight(asApi("hand", null));
    expect(duplicates.map((f) => f.path.join("."))).toEqual(["mail.mailFromSubdomain", "mail.mailFromSubdomain"]);
    expect(duplicates.map((f) => f.message).sort()).toEqual([
      "bounce.acme.example already has the MX record (id hand-mx, 10 feedback-smtp.eu-central-1.amazonses.com) the deploy creates for SES's MAIL FROM domain: the API refuses a duplicate. Delete it right before the deploy, which creates it again",
      'bounce.acme.example already has the TXT record (id hand-txt, "v=spf1 include:amazonses.com ~all") the deploy creates for SES\'s MAIL FROM domain: the API refuses a duplicate. Delete it right before the deploy, which creates it again',
    ]);

    const other = await preflight([
      { id: "x1", type: "MX", name: "bounce.acme.example", content: "mx.other-provider.example", priority: 10, ttl: 3600 },
      { id: "x2", type: "TXT", name: "bounce.acme.example", content: "v=spf1 include:other-provider.example -all", ttl: 3600 },
    ]);
    expect(other.map((f) => f.message.split(":")[0])).toEqual([
      "bounce.acme.example already has an MX record (id x1, 10 mx.other-provider.example)",
      "bounce.acme.example already has an SPF TXT record (id x2, v=spf1 include",
    ]);
  });
});
