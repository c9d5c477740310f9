/**
 * The corpus of invalid tenant files in tests/fixtures/invalid and the exact messages each gets:
 * file, line, column, key path, what is wrong and what is allowed. No stack traces, no throws.
 */
import { describe, expect, it, vi } from "vitest";
import { loadTenantFile, parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";

const DIR = "tests/fixtures/invalid";

function messagesOf(file: string): string {
  const result = loadTenantFile(`${DIR}/${file}`);
  if (result.ok) throw new Error(`${file} was accepted`);
  return formatIssues(result.issues).replaceAll(`${DIR}/`, "");
}

const CORPUS: Record<string, string[]> = {
  "Bad_Name.yaml": [
    'Bad_Name.yaml:1:1: "Bad_Name" is not a valid tenant id: the file name must be 3–28 lowercase letters, digits or single hyphens, starting with a letter and not ending with a hyphen',
  ],
  "wrong-extension.yml": [
    "wrong-extension.yml:1:1: tenant files end in .yaml (the file name is the tenant id); rename it to wrong-extension.yaml",
  ],
  "missing.yaml": ["missing.yaml:1:1: no such file"],
  "empty.yaml": [
    "empty.yaml:1:1: is empty; a tenant file is a mapping with the sections aws, network and edge (see samples/example.yaml)",
  ],
  "comment-only.yaml": [
    "comment-only.yaml:1:1: is empty; a tenant file is a mapping with the sections aws, network and edge (see samples/example.yaml)",
  ],
  "binary.yaml": ["binary.yaml:1:1: is not a UTF-8 text file (it holds binary data); a tenant file is YAML text"],
  "not-a-mapping.yaml": [
    "not-a-mapping.yaml:1:1: the file must be a mapping (key: value lines) with the sections aws, network and edge",
  ],
  "two-documents.yaml": ["two-documents.yaml:3:1: holds more than one YAML document (---); a tenant file is exactly one"],
  "syntax-error.yaml": [
    "syntax-error.yaml:5:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
  ],
  "duplicate-key.yaml": ['duplicate-key.yaml:3:3: YAML: key "region" appears twice in the same mapping; keep one'],
  "tab-indent.yaml": ["tab-indent.yaml:2:1: YAML: tabs cannot indent YAML; indent with spaces"],
  "custom-tag.yaml": ["custom-tag.yaml:2:11: YAML: custom YAML tags such as !Ref are not allowed in tenant files"],
  "alias-bomb.yaml": [
    "alias-bomb.yaml:2:8: aliases expand too far (Excessive alias count indicates a resource exhaustion attack); write the values out instead",
  ],
  "missing-sections.yaml": ["missing-sections.yaml:2:1: network: is required", "missing-sections.yaml:2:1: edge: is required"],
  "unknown-keys.yaml": [
    "unknown-keys.yaml:1:1: aws.region: is required",
    'unknown-keys.yaml:2:3: aws.regoin: unknown key "regoin"; did you mean "region"? allowed keys here: region, backupRegion, accountId, deployRoleArn',
    'unknown-keys.yaml:5:3: network.natt: unknown key "natt"; did you mean "nat"? allowed keys here: cidr, zones, nat, flowLogs',
    'unknown-keys.yaml:10:1: databse: unknown key "databse"; did you mean "database"? allowed keys here: preset, aws, network, edge, web, database, cache, monitoring, backup, media, mail, exchange, cost, offboarding, tags',
  ],
  "wrong-types.yaml": [
    'wrong-types.yaml:2:11: aws.region: must be text; YAML read 42 as a number, so put it in quotes: "42"',
    'wrong-types.yaml:3:14: aws.accountId: must be text; YAML read 123456789012 as a number, so put it in quotes: "123456789012"',
    "wrong-types.yaml:6:10: network.zones: must be 2 or 3, or a list of 2 or 3 zone names such as [eu-central-1a, eu-central-1b]",
    'wrong-types.yaml:7:8: network.nat: must be one of "none", "single", "perZone"; got the text "yes"',
    'wrong-types.yaml:10:14: edge.hostnames: must be a list, got the text "www"',
  ],
  "bad-values.yaml": [
    "bad-values.yaml:2:11: aws.region: must be an AWS region name such as eu-central-1",
    'bad-values.yaml:4:9: network.cidr: "10.20.1.0/16" has host bits set; the block starting at that prefix is 10.20.0.0/16',
    "bad-values.yaml:5:10: network.zones: must be 2 or 3, or a list of 2 or 3 zone names such as [eu-central-1a, eu-central-1b]",
    'bad-values.yaml:6:8: network.nat: must be one of "none", "single", "perZone"; got the text "perzone" (did you mean "perZone"?)',
    "bad-values.yaml:7:30: network.flowLogs.retentionDays: must be a retention CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    "bad-values.yaml:9:9: edge.zone: must be a lowercase domain name such as acme.example",
    "bad-values.yaml:10:14: edge.hostnames: needs at least 1 entry",
  ],
  "cidr-rules.yaml": [
    'cidr-rules.yaml:4:9: network.cidr: "8.8.0.0/16" is not private address space; use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
  ],
  "cidr-size.yaml": [
    'cidr-size.yaml:4:9: network.cidr: "10.0.0.0/8" is a /8; a VPC block here is /16 (65,536 addresses) to /20 (4,096)',
  ],
  "cross-field.yaml": [
    "cross-field.yaml:3:17: aws.backupRegion: must differ from aws.region (eu-central-1): off-site copies need another region",
    "cross-field.yaml:5:18: aws.deployRoleArn: is a role in account 222222222222, but aws.accountId is 111111111111",
    'cross-field.yaml:8:26: network.zones[1]: "eu-west-1b" is not in aws.region eu-central-1; use zones such as eu-central-1a',
    'cross-field.yaml:8:38: network.zones[2]: "eu-central-1a" repeats zone letter "a" of network.zones[0]; each zone is listed once',
    'cross-field.yaml:11:25: edge.hostnames[2]: "www" is listed twice (also edge.hostnames[1]); each hostname once',
    'cross-field.yaml:11:30: edge.hostnames[3]: hostnames are relative to edge.zone: write "shop" instead of "shop.acme.example"',
    'cross-field.yaml:14:11: tags.tenant: tag "tenant" is set by the platform; choose another key (reserved: tenant, managed-by, Name and keys starting with tenant-platform)',
  ],
};

describe("invalid tenant files", () => {
  it.each(Object.entries(CORPUS))("%s gets exactly its messages", (file, expected) => {
    expect(messagesOf(file)).toBe(expected.join("\n"));
  });

  it("covers every file in the corpus folder", async () => {
    const { readdirSync } = await import("node:fs");
    const onDisk = readdirSync(DIR).sort();
    expect(onDisk).toEqual(Object.keys(CORPUS).filter((f) => f !== "missing.yaml").sort());
  });

  it("refuses a tenant id whose IAM name pattern would cover the platform's own roles, and takes one beside it", async () => {
    const { readFileSync } = await import("node:fs");
    const example = readFileSync("samples/example.yaml");
    const refused = (id: string) => {
      const result = parseTenant(`tenants/${id}.yaml`, example);
      return result.ok ? "accepted" : formatIssues(result.issues);
    };
    expect(refused("platform")).toBe('tenants/platform.yaml:1:1: "platform" is reserved: the deploy role may change IAM roles named "platform-*", which would include the platform\'s own platform-deployer, platform-previewer, platform-reader, platform-deployer-1, platform-previewer-1, platform-reader-1; choose another file name (tenant id)');
    expect(refused("platform-reader")).toContain('"platform-reader" is reserved');
    expect(refused("tenant")).toContain('"tenant" is reserved: the deploy role may change IAM roles named "tenant-*", which would include the platform\'s own tenant-platform-preview, tenant-platform-production');
    expect(refused("tenant-platform")).toContain("tenant-platform-tenant-boundary");
    expect(refused("platforms")).toBe("accepted");
  });

  it("refuses oversized files before parsing them", () => {
    const result = parseTenant("tenants/huge.yaml", Buffer.alloc(300 * 1024, "a"));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]!.message).toBe("is 307200 bytes; a tenant file is at most 262144 bytes");
  });

  it("never throws, whatever the bytes", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.string({ maxLength: 400 }), (bytes, text) => {
        for (const input of [bytes, Buffer.from(text)]) {
          const result = parseTenant("tenants/fuzz.yaml", input);
          if (!result.ok) {
            for (const issue of result.issues) {
              expect(issue.line).toBeGreaterThanOrEqual(1);
              expect(issue.column).toBeGreaterThanOrEqual(1);
              expect(issue.message.length).toBeGreaterThan(0);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** A minimal valid tenant, to which each case below adds one wrong thing. */
const MINIMAL = "aws: { region: eu-central-1 }\nnetwork: { cidr: 10.20.0.0/16 }\nedge: { zone: acme.example, hostnames: [www], zoneId: 0123456789abcdef0123456789abcdef }\n";

function messagesOfText(yaml: string): string {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? "accepted" : formatIssues(result.issues).replaceAll("tenants/acme.yaml:", "");
}

describe("how a tenant file is written", () => {
  it.each([
    ["CR-only line endings", "aws:\r  region: eu-central-1\r",
      "1:5: ends a line with a carriage return alone (CR, classic Mac OS line endings), which the YAML reader does not take as a line break; save it with LF line endings"],
    ["CR-only line endings after a comment", "# acme\raws:\r  region: eu-central-1\r",
      "1:7: ends a line with a carriage return alone (CR, classic Mac OS line endings), which the YAML reader does not take as a line break; save it with LF line endings"],
    ["a complex key", `${MINIMAL}tags:\n  ? [a, b]\n  : x\n`,
      "5:5: tags: a key must be text; this key is a list or mapping (a YAML complex key, written with ?); write a plain key such as name:"],
    ["a null key", `${MINIMAL}tags:\n  billing: x\n  ~: x\n`,
      "6:3: tags: a key must be text; this key is empty or null (~); write a plain key such as name:"],
    ["a !!binary value", `${MINIMAL}tags:\n  a: !!binary aGVsbG8=\n`,
      "5:6: tags.a: YAML: custom YAML tags such as !!binary are not allowed in tenant files"],
    ["a !!set value", `${MINIMAL}tags: !!set { a }\n`,
      "4:7: tags: YAML: custom YAML tags such as !!set are not allowed in tenant files"],
    ["a __proto__ tag key", `${MINIMAL}tags:\n  __proto__: x\n`,
      'tags.__proto__: the key "__proto__" cannot be read: JavaScript objects take it as their prototype, so its value would be lost; choose another name'],
    ["a __proto__ env name", `${MINIMAL}web:\n  instanceType: t4g.small\n  app: { image: "ghcr.io/acme/site:1.4", port: 8080, env: { __proto__: x } }\n`,
      '6:61: web.app.env.__proto__: the key "__proto__" cannot be read'],
  ])("refuses %s at its own position", (_what, yaml, expected) => {
    const warn = vi.spyOn(process, "emitWarning");
    try {
      expect(messagesOfText(yaml)).toContain(expected);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("accepts !!str and other core-schema tags", () => {
    expect(messagesOfText(`${MINIMAL}tags: { code: !!str 0123 }\n`)).toBe("accepted");
  });

  it.each([
    ["an allowlist entry that is no address", MINIMAL.replace("hostnames: [www],", 'hostnames: [www], waf: { adminPaths: [{ path: /admin, allow: ["zz::1"] }] },'), "edge.waf.adminPaths[0].allow[0]"],
    ["a zone letter in upper case", MINIMAL.replace("cidr: 10.20.0.0/16", "cidr: 10.20.0.0/16, zones: [eu-central-1A, eu-central-1b]"), "network.zones[0]"],
    ["a number beyond JavaScript's safe integers", `${MINIMAL}web:\n  instanceType: t4g.small\n  app: { image: "ghcr.io/acme/site:1.4", port: 8080 }\n  scaling: { min: 2, max: 99999999999999999999999 }\n`, "web.scaling.max"],
    ["a cache version with a patch number", `${MINIMAL}web:\n  instanceType: t4g.small\n  app: { image: "ghcr.io/acme/site:1.4", port: 8080 }\n  scaling: { min: 2, max: 4 }\ncache: { nodeType: cache.t4g.small, version: "7.2.4" }\n`, "cache.version"],
  ])("gives one message for one problem: %s", (_what, yaml, path) => {
    const lines = messagesOfText(yaml).split("\n");
    expect(lines.filter((line) => line.includes(` ${path}: `)), lines.join("\n")).toHaveLength(1);
  });
});

describe("valid tenant files", () => {
  it("fill defaults and keep the id from the file name", () => {
    const yaml = "aws: { region: eu-central-1 }\nnetwork: { cidr: 10.20.0.0/16 }\nedge: { zone: acme.example, hostnames: [www], zoneId: 0123456789abcdef0123456789abcdef }\n";
    const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
    expect(result.ok && result.tenant.spec).toEqual({
      id: "acme",
      aws: { region: "eu-central-1" },
      network: { cidr: "10.20.0.0/16", zones: 2, nat: "single", flowLogs: { retentionDays: 90 } },
      edge: {
        zone: "acme.example", hostnames: ["www"], zoneId: "0123456789abcdef0123456789abcdef", plan: "free", manageZone: true, records: [],
        hsts: { maxAgeSeconds: 31536000, includeSubdomains: false, preload: false },
        waf: { managedRules: true, adminPaths: [], blockCountries: [], botFightMode: true, rateLimits: [] },
        cache: { staticTtlSeconds: 2592000, bypassPaths: [], bypassCookies: [] },
        healthCheck: false,
        originPulls: false,
      },
    });
  });

  it("read YAML 1.2: no is text, not false, and a byte-order mark is fine", () => {
    const yaml = "\uFEFFaws: { region: eu-central-1 }\nnetwork: { cidr: 10.20.0.0/16, nat: none }\nedge: { zone: acme.example, hostnames: [www], zoneId: 0123456789abcdef0123456789abcdef }\ntags: { billing: no }\n";
    const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
    expect(result.ok && result.tenant.spec.tags).toEqual({ billing: "no" });
  });
});
