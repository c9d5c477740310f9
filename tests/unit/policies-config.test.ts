/** Policy configuration: the --policy-pack-config JSON validated with clear errors, levels resolved as CrossGuard does, applied offline. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policies/all-rules";
import { formatFindingLine, summarizeFindings } from "../../policies/findings-summary";
import { effectiveLevel, loadPolicyConfig, NO_CONFIG, parsePolicyConfig, PolicyConfigError } from "../../policies/policy-config";
import { runRules, type Violation } from "../../policies/run-offline";
import type { TenantPlan } from "../../policies/plan-types";

const rule = (name: string) => ALL_RULES.find((r) => r.name === name)!;
const parse = (json: unknown) => parsePolicyConfig(json, ALL_RULES, "policy.json");

/**
 * A plan of one public database without a parameter group, its deletion protection off while a
 * replacement is declared: violates rds-not-public and rds-tls-enforced (mandatory), and nothing
 * else (the declared replacement allows the deletion protection to be off).
 */
const PLAN: TenantPlan = {
  tenant: "t", stack: "t", outputs: {}, invokes: [], ids: {}, propertyDependencies: {},
  resources: [{
    urn: "urn:pulumi:t::tenant-platform::aws:rds/instance:Instance::t-db", type: "aws:rds/instance:Instance", name: "t-db", parent: null, custom: true, provider: null,
    inputs: { engine: "postgres", storageEncrypted: true, publiclyAccessible: true, enabledCloudwatchLogsExports: ["postgresql"], backupRetentionPeriod: 7, deletionProtection: false, finalSnapshotIdentifier: "x", tags: { "tenant-platform:replacement": "moving" } },
    options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], dependsOn: [] },
  }],
};

describe("policy configuration", () => {
  it("reads levels, `all` and rule settings in CrossGuard's shape", () => {
    const config = parse({ all: "advisory", "s3-versioning": "disabled", "rds-backup-retention": { enforcementLevel: "mandatory", minimumDays: 14 } });
    expect(effectiveLevel(rule("s3-versioning"), config)).toBe("disabled");
    expect(effectiveLevel(rule("rds-backup-retention"), config)).toBe("mandatory");
    expect(effectiveLevel(rule("rds-not-public"), config)).toBe("advisory");
    expect(config.rules["rds-backup-retention"]?.properties).toEqual({ minimumDays: 14 });
    expect(effectiveLevel(rule("rds-not-public"), NO_CONFIG)).toBe("mandatory");
    expect(effectiveLevel(rule("database-final-snapshot"), NO_CONFIG)).toBe("mandatory");
    expect(effectiveLevel(rule("database-final-snapshot"), parse({ "database-final-snapshot": "advisory" }))).toBe("advisory");
    expect(effectiveLevel(rule("rds-not-public"), parse({ "rds-not-public": "remediate" }))).toBe("mandatory");
  });

  it("names the file, the key and what is allowed when the configuration is wrong", () => {
    expect(() => parse({ "rds-not-publik": "advisory" })).toThrow(/^policy\.json: \(top level\): unknown rule "rds-not-publik"; rules: all, stateful-resources-protected, /);
    expect(() => parse({ "rds-not-public": "warn" })).toThrow('policy.json: rds-not-public: must be one of "advisory", "mandatory", "remediate", "disabled" or an object with enforcementLevel');
    expect(() => parse({ "rds-backup-retention": { minimumDays: 90 } })).toThrow("policy.json: rds-backup-retention.minimumDays: must be at most 35");
    expect(() => parse({ "rds-not-public": { minimumDays: 3 } })).toThrow(/policy\.json: rds-not-public: .*enforcementLevel/);
    expect(() => parse([1])).toThrow(PolicyConfigError);
  });

  it("reports a missing file and invalid JSON without a stack trace", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "policy-config-"));
    expect(() => loadPolicyConfig(path.join(dir, "none.json"), ALL_RULES)).toThrow(`${path.join(dir, "none.json")}: cannot read the policy configuration: no such file`);
    const broken = path.join(dir, "broken.json");
    writeFileSync(broken, "{ all: advisory }");
    expect(() => loadPolicyConfig(broken, ALL_RULES)).toThrow(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON: `));
    const good = path.join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ "rds-not-public": "advisory" }));
    expect(effectiveLevel(rule("rds-not-public"), loadPolicyConfig(good, ALL_RULES))).toBe("advisory");
  });

  it("changes what the offline run reports", () => {
    const levels = (violations: Violation[]) => violations.map((v) => `${v.enforcementLevel} ${v.rule}`);
    expect(levels(runRules(PLAN, ALL_RULES))).toEqual(["mandatory rds-not-public", "mandatory rds-tls-enforced"]);
    const config = parse({ "rds-not-public": "advisory", "rds-tls-enforced": "disabled" });
    expect(levels(runRules(PLAN, ALL_RULES, { config }))).toEqual(["advisory rds-not-public"]);
    expect(levels(runRules(PLAN, ALL_RULES, { config: parse({ all: "disabled" }) }))).toEqual([]);
  });
});

describe("findings summary", () => {
  it("lists mandatory findings first, then by rule and resource, each once", () => {
    const v = (rule: string, level: "mandatory" | "advisory", name: string): Violation => ({ rule, control: "FSBP X.1", enforcementLevel: level, urn: `urn:pulumi:t::p::T::${name}`, message: "m" });
    const lines = summarizeFindings([v("b-rule", "advisory", "one"), v("z-rule", "mandatory", "two"), v("a-rule", "mandatory", "three"), v("a-rule", "mandatory", "three")]);
    expect(lines.map((l) => `${l.level} ${l.rule} ${l.resource}`)).toEqual(["mandatory a-rule three", "mandatory z-rule two", "advisory b-rule one"]);
    expect(formatFindingLine(lines[0]!)).toBe("[mandatory] a-rule (FSBP X.1): three: m");
  });
});
