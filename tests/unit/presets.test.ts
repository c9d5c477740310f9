/** Size presets: what they fill in, what the file overrides, and how their errors read. */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { applyPreset, PRESETS } from "../../tenant-schema/presets";
import { formatIssues } from "../../tenant-schema/spec-issue";

const BASE = [
  "aws: { region: eu-central-1 }",
  "network: { cidr: 10.20.0.0/16 }",
  "edge: { zone: acme.example, hostnames: [www], accountId: 0123456789abcdef0123456789abcdef }",
];
const WEB = ["web:", "  app: { image: ghcr.io/acme/site:1.4, port: 8080 }"];
const DB = ["database:", "  engine: postgres", '  version: "16"'];

function load(lines: string[]) {
  const result = parseTenant("tenants/acme.yaml", Buffer.from([...lines, ""].join("\n")));
  if (!result.ok) throw new Error(formatIssues(result.issues));
  return result.tenant.spec;
}

describe("presets", () => {
  it.each(Object.keys(PRESETS))("%s fills sizing into the sections the file has", (name) => {
    const spec = load([`preset: ${name}`, ...BASE, ...WEB, ...DB]);
    const preset = PRESETS[name as keyof typeof PRESETS] as { network: object; web: { instanceType: string; scaling: object }; database: { instanceClass: string } };
    expect(spec.network).toMatchObject(preset.network);
    expect(spec.web!.instanceType).toBe(preset.web.instanceType);
    expect(spec.web!.scaling).toMatchObject(preset.web.scaling);
    expect(spec.database!.instanceClass).toBe(preset.database.instanceClass);
  });

  it("keeps the file's own values over the preset's, key by key", () => {
    const spec = load(["preset: large", ...BASE, ...WEB, "  scaling: { max: 20 }", ...DB, "  standby: false"]);
    expect(spec.web!.scaling).toMatchObject({ min: 3, max: 20 });
    expect(spec.database!.standby).toBe(false);
    expect(spec.database!.readReplicas).toBe(2);
    expect(spec.network.zones).toBe(3);
  });

  it("never adds a section the file leaves out, except the network", () => {
    const spec = load(["preset: medium", ...BASE]);
    expect(spec.web).toBeUndefined();
    expect(spec.database).toBeUndefined();
    expect(spec.cache).toBeUndefined();
    expect(spec.network.nat).toBe("perZone");
  });

  it("says when a refused value came from the preset, and how to override it", () => {
    const fromPreset = parseTenant("tenants/acme.yaml", Buffer.from(["preset: small", ...BASE, ...WEB, "  scaling: { min: 3 }", ""].join("\n")));
    expect(fromPreset.ok).toBe(false);
    if (fromPreset.ok) return;
    expect(formatIssues(fromPreset.issues)).toBe(
      "tenants/acme.yaml:7:19: web.scaling.min: must not exceed web.scaling.max (2) (preset small sets web.scaling.max: 2; write it in the file to override)",
    );
    // A value the file wrote itself is not blamed on the preset.
    const own = parseTenant("tenants/acme.yaml", Buffer.from(["preset: small", ...BASE, ...WEB, "  scaling: { min: 3, max: 2 }", ""].join("\n")));
    if (own.ok) throw new Error("accepted");
    expect(formatIssues(own.issues)).not.toContain("preset");
  });

  it("refuses an unknown preset with the allowed names", () => {
    const result = parseTenant("tenants/acme.yaml", Buffer.from(["preset: huge", ...BASE, ""].join("\n")));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatIssues(result.issues)).toMatch(/^tenants\/acme\.yaml:1:9: preset: .*small.*medium.*large/);
  });

  it("is a pure merge: the input is not modified", () => {
    const data = { preset: "small", web: { scaling: { max: 9 } } };
    const copy = structuredClone(data);
    const applied = applyPreset(data);
    expect(data).toEqual(copy);
    expect(applied.fromPreset(["web", "scaling", "min"])).toBe(true);
    expect(applied.fromPreset(["web", "scaling", "max"])).toBe(false);
  });
});

describe("feature rules", () => {
  const refused = (lines: string[]) => {
    const result = parseTenant("tenants/acme.yaml", Buffer.from([...lines, ""].join("\n")));
    if (result.ok) throw new Error("accepted");
    return formatIssues(result.issues).split("\n");
  };

  it("refuses a media hostname that is a web hostname, and media in a zone the tenant does not manage", () => {
    expect(refused([...BASE, "media: { hostname: www }"])).toEqual([
      "tenants/acme.yaml:4:20: media.hostname: www.acme.example is a web hostname (edge.hostnames); the media bucket needs a name of its own",
    ]);
    const shared = [BASE[0]!, BASE[1]!, "edge: { zone: acme.example, hostnames: [www], zoneId: 0123456789abcdef0123456789abcdef, manageZone: false }", "media: {}"];
    expect(refused(shared)).toEqual([
      "tenants/acme.yaml:4:1: media: serves the bucket through the zone's Cloud Connector rules, which the tenant that manages the zone owns; set edge.manageZone: true or drop media",
    ]);
  });

  it("refuses tenant tags in the platform's namespace (grants rely on the app-role tag)", () => {
    expect(refused([...BASE, "tags: { tenant-platform-app-role: beta }"])).toEqual([
      'tenants/acme.yaml:4:35: tags.tenant-platform-app-role: tag "tenant-platform-app-role" is set by the platform; choose another key (reserved: tenant, managed-by, Name and keys starting with tenant-platform)',
    ]);
  });

  it("refuses edge records the mail section publishes, and exchange without an account id", () => {
    const lines = [BASE[0]!, BASE[1]!, "edge:", "  zone: acme.example", "  hostnames: [www]", "  accountId: 0123456789abcdef0123456789abcdef",
      '  records: [{ type: TXT, name: _dmarc, content: "v=DMARC1; p=none" }]', "mail: {}", "exchange: { partners: [beta] }"];
    expect(refused(lines)).toEqual([
      "tenants/acme.yaml:1:1: aws.accountId: is needed by exchange: partners find the export bucket by a name that includes the account id",
      "tenants/acme.yaml:7:32: edge.records[0].name: _dmarc.acme.example is published by the mail section (DMARC and MAIL FROM); remove this record",
    ]);
  });
});

describe("presets and lists", () => {
  it("does not blame the preset for an element of a list the file wrote", () => {
    const result = parseTenant("tenants/acme.yaml", Buffer.from(["preset: medium", ...BASE, "mail:", "  fromAddresses: [\"not an address\"]", ""].join("\n")));
    if (result.ok) throw new Error("accepted");
    const text = formatIssues(result.issues);
    expect(text).toContain("mail.fromAddresses[0]");
    expect(text).not.toContain("preset");
  });
});
