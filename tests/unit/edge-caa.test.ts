/**
 * The edge preflight's CAA check against a local fake of Cloudflare's API: the records that apply
 * to each web hostname (its own, else the nearest parent's in the zone: RFC 8659 section 3) must
 * let an Amazon CA issue when the stack requests ACM's certificate
 * (docs.aws.amazon.com/acm/latest/userguide/setup-caa.html).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ApiDnsRecord } from "../../program/edge-preflight/cloudflare-api";
import { caaFindings } from "../../program/edge-preflight/caa-findings";
import { edgePreflight, type PreflightContext } from "../../program/edge-preflight/edge-preflight";
import { WEB_RECORD_COMMENTS } from "../../components/edge/edge";
import { loadTenantFile } from "../../tenant-schema/load-tenant";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import { closeFakeCloudflares, FAKE_ZONE_ID as ZONE_ID, startFakeZone } from "../helpers/fake-cloudflare-api";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(async () => {
  await closeFakeCloudflares();
  removeTempFolders();
});

/** A web tenant on the existing zone; the ACM certificate is the stack's unless `ownCertificate`. */
function spec(options: { hostnames?: string; ownCertificate?: boolean; currentOrigin?: boolean } = {}): TenantSpec {
  let yaml = webTenantYaml().replace("  accountId: 0123456789abcdef0123456789abcdef\n", `  zoneId: ${ZONE_ID}\n${options.currentOrigin ? "  currentOrigin: old-host.example\n" : ""}`);
  if (!options.ownCertificate) yaml = yaml.replace(/ {2}loadBalancer:\n {4}certificateArn: .*\n/, "");
  if (options.hostnames) yaml = yaml.replace('  hostnames: ["@", www]', `  hostnames: ${options.hostnames}`);
  const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.tenant.spec;
}

const caa = (id: string, name: string, tag: string, value: string): ApiDnsRecord =>
  ({ id, type: "CAA", name, content: `0 ${tag} "${value}"`, data: { flags: 0, tag, value }, ttl: 3600, proxied: false });

async function caaPreflight(tenant: TenantSpec, records: ApiDnsRecord[], context: PreflightContext = {}): Promise<{ blocking: [string, string][]; notes: string[] }> {
  const server = await startFakeZone({ records });
  const result = await edgePreflight(server.api(), tenant, ZONE_ID, context);
  return {
    blocking: result.blocking.filter((f) => f.message.startsWith("ACM cannot issue")).map((f) => [f.path.join("."), f.message]),
    notes: result.notes.filter((n) => n.includes("ACM cannot issue") || n.startsWith("CAA records above")),
  };
}

async function caaBlocking(tenant: TenantSpec, records: ApiDnsRecord[], context: PreflightContext = {}): Promise<[string, string][]> {
  return (await caaPreflight(tenant, records, context)).blocking;
}

describe("CAA records and ACM's certificate", () => {
  it("blocks each web hostname whose applicable CAA records name no Amazon CA, with the record to add", async () => {
    const found = await caaBlocking(spec(), [caa("c1", "acme.example", "issue", "letsencrypt.org"), caa("c2", "acme.example", "iodef", "mailto:security@acme.example")]);
    expect(found.map(([path]) => path)).toEqual(["edge.hostnames.0", "edge.hostnames.1"]);
    expect(found[1]![1]).toContain('ACM cannot issue the load balancer\'s certificate for www.acme.example: the CAA records that apply to it, at acme.example (0 issue "letsencrypt.org", 0 iodef "mailto:security@acme.example"), let no Amazon CA issue');
    expect(found[1]![1]).toContain('Add the CAA record 0 issue "amazon.com" at acme.example (dashboard, or POST /zones/<zone>/dns_records with {"type":"CAA","name":"acme.example","data":{"flags":0,"tag":"issue","value":"amazon.com"}}), then deploy');
  });

  it("lets any of the four Amazon CAs issue, with parameters after the issuer; an iodef alone restricts nothing", async () => {
    for (const ca of ["amazon.com", "amazontrust.com", "AWSTrust.com", "amazonaws.com; cansignhttpexchanges=yes"]) {
      expect(await caaBlocking(spec(), [caa("c1", "acme.example", "issue", "letsencrypt.org"), caa("c2", "acme.example", "issue", ca)])).toEqual([]);
    }
    expect(await caaBlocking(spec(), [caa("c2", "acme.example", "iodef", "mailto:security@acme.example")])).toEqual([]);
    expect(await caaBlocking(spec(), [])).toEqual([]);
  });

  it("takes the nearest set only: a hostname's own records replace the apex's", async () => {
    const records = [caa("c1", "acme.example", "issue", "letsencrypt.org"), caa("c3", "www.acme.example", "issue", "amazontrust.com")];
    expect((await caaBlocking(spec(), records)).map(([path]) => path)).toEqual(["edge.hostnames.0"]);
    // And the other way round: an apex allowing Amazon does not help a name with its own records.
    const reversed = [caa("c1", "acme.example", "issue", "amazon.com"), caa("c3", "www.acme.example", "issue", ";")];
    expect((await caaBlocking(spec(), reversed)).map(([path]) => path)).toEqual(["edge.hostnames.1"]);
  });

  it("judges a wildcard by issuewild when there is any, else by issue", async () => {
    const tenant = spec({ hostnames: '["@", "*"]' });
    const blocked = await caaBlocking(tenant, [caa("c1", "acme.example", "issue", "amazon.com"), caa("c2", "acme.example", "issuewild", ";")]);
    expect(blocked.map(([path]) => path)).toEqual(["edge.hostnames.1"]);
    expect(blocked[0]![1]).toContain('Add the CAA record 0 issuewild "amazon.com" at acme.example');
    expect(await caaBlocking(tenant, [caa("c1", "acme.example", "issue", "amazon.com")])).toEqual([]);
  });

  it("checks nothing when the load balancer has a certificate of its own (no ACM request)", async () => {
    expect(await caaBlocking(spec({ ownCertificate: true }), [caa("c1", "acme.example", "issue", "letsencrypt.org")])).toEqual([]);
  });

  it("notes, without blocking, a web hostname that is a DNS-only CNAME to the current hosting, whose target's CAA records apply until it moves", async () => {
    const records: ApiDnsRecord[] = [
      caa("c1", "acme.example", "issue", "letsencrypt.org"),
      { id: "w1", type: "CNAME", name: "www.acme.example", content: "old-host.example", proxied: false, ttl: 300 },
    ];
    const found = await caaPreflight(spec({ currentOrigin: true }), records);
    expect(found.blocking).toEqual([]);
    expect(found.notes.map((n) => n.split(":")[0])).toEqual(["edge.hostnames[0]", "edge.hostnames[1]"]);
    expect(found.notes[0]).not.toContain("DNS-only CNAME");
    expect(found.notes[1]).toContain("www.acme.example is a DNS-only CNAME to old-host.example now: a CAA lookup follows it, so the target's own CAA records apply to it as long as it points there (RFC 8659 section 3)");
  });
});

describe("CAA records block only the deploy that requests ACM's certificate", () => {
  const letsEncrypt = [caa("c1", "acme.example", "issue", "letsencrypt.org")];

  it("blocks when the state holds no ACM certificate and the web records are on the load balancer", async () => {
    const found = await caaPreflight(spec(), letsEncrypt, { acmState: { webRecordsOnCurrentHosting: false, acmCertificateInState: false } });
    expect(found.blocking.map(([path]) => path)).toEqual(["edge.hostnames.0", "edge.hostnames.1"]);
    expect(found.blocking[0]![1]).toContain("then deploy: this deploy requests the certificate and would stop at its validation");
    expect(found.notes).toEqual([]);
  });

  it("notes instead while the cutover waits, in the deploy that moves the web records, and once ACM's certificate is in the state", async () => {
    const contexts: [TenantSpec, PreflightContext][] = [
      [spec({ currentOrigin: true }), {}],
      [spec(), { acmState: { webRecordsOnCurrentHosting: true, acmCertificateInState: false } }],
      [spec(), { acmState: { webRecordsOnCurrentHosting: false, acmCertificateInState: true } }],
    ];
    for (const [tenant, context] of contexts) {
      const found = await caaPreflight(tenant, letsEncrypt, context);
      expect(found.blocking).toEqual([]);
      expect(found.notes.map((n) => n.split(":")[0])).toEqual(["edge.hostnames[0]", "edge.hostnames[1]"]);
      expect(found.notes[0]).toContain('let no Amazon CA issue');
      expect(found.notes[0]).toContain("this deploy requests no ACM certificate, but the deploy that does, and each managed renewal of it, would fail");
    }
  });

  it("takes the zone's web-record comments when the state is unknown: a record the stack marked as on the current hosting means the moving deploy", async () => {
    const marked: ApiDnsRecord = { id: "w1", type: "CNAME", name: "www.acme.example", content: "old-host.example", proxied: true, ttl: 1, comment: WEB_RECORD_COMMENTS.currentHosting };
    expect((await caaPreflight(spec(), [...letsEncrypt, marked])).blocking).toEqual([]);
    expect((await caaPreflight(spec(), [...letsEncrypt, { ...marked, comment: WEB_RECORD_COMMENTS.loadBalancer }])).blocking).toHaveLength(2);
  });
});

describe("CAA details: the critical flag, names above the zone", () => {
  const critical = (id: string, tag: string, value: string): ApiDnsRecord =>
    ({ id, type: "CAA", name: "acme.example", content: `128 ${tag} "${value}"`, data: { flags: 128, tag, value }, ttl: 3600, proxied: false });

  it("blocks a set with a critical property of a tag ACM does not understand, even beside an Amazon CA (RFC 8659 section 4.1)", async () => {
    const found = await caaBlocking(spec(), [caa("c1", "acme.example", "issue", "amazon.com"), critical("c2", "tbs", "unknown")]);
    expect(found.map(([path]) => path)).toEqual(["edge.hostnames.0", "edge.hostnames.1"]);
    expect(found[0]![1]).toContain("hold the critical property (flags 128) tbs, a tag ACM does not understand: a CA must not issue then (RFC 8659 section 4.1)");
    expect(found[0]![1]).not.toContain("Add the CAA record");
  });

  it("lets a critical issue property and a non-critical unknown tag through", async () => {
    expect(await caaBlocking(spec(), [critical("c1", "issue", "amazon.com")])).toEqual([]);
    expect(await caaBlocking(spec(), [caa("c1", "acme.example", "issue", "amazon.com"), caa("c2", "acme.example", "tbs", "unknown")])).toEqual([]);
  });

  it("says, for a zone below another domain, which parents' CAA records it did not read", () => {
    const tenant = spec();
    const sub = { ...tenant, edge: { ...tenant.edge, zone: "shop.acme.example" } };
    expect(caaFindings(sub, [], true).notes).toEqual(["CAA records above the zone's apex (acme.example) are not read by this check: when shop.acme.example has no CAA record for a web hostname, theirs apply to ACM's certificate (RFC 8659 section 3); check them (dig CAA acme.example)"]);
    expect(caaFindings(tenant, [], true).notes).toEqual([]);
  });
});
