/**
 * The real adapter against the real Automation API, with a fake `pulumi` executable standing in
 * for the CLI: pins the exact command lines the SDK runs for each fleet command, that every
 * operation names its stack, that stacks are opened one at a time, and that engine events reach
 * the report.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AutomationEngine } from "../../tools/fleet/automation-engine";
import { cliEnvironment } from "../../tools/fleet/environment";
import type { FleetCommand } from "../../tools/fleet/engine";
import { findPulumiCli } from "../../tools/fleet/pulumi-cli";
import { runFleet } from "../../tools/fleet/run-fleet";
import { policyPackOptions } from "../../tools/cli/fleet";
import { done, step, summary } from "./helpers/events";
import { installFakePulumi, type FakePulumi } from "./helpers/fake-pulumi";

const RDS = "aws:rds/instance:Instance";
const ROUTE = "aws:ec2/route:Route";

let fake: FakePulumi;
let workDir: string;
beforeEach(() => {
  fake = installFakePulumi();
  workDir = mkdtempSync(path.join(os.tmpdir(), "fleet-project-"));
  for (const [name, value] of Object.entries(fake.env)) vi.stubEnv(name, value);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function engine(secretsProvider?: string, backendUrl?: string): Promise<AutomationEngine> {
  const pulumiCommand = await PulumiCommand.get({ root: fake.root });
  return new AutomationEngine({ workDir, pulumiCommand, envVars: cliEnvironment(), ...(secretsProvider ? { secretsProvider } : {}), ...(backendUrl ? { backendUrl } : {}) });
}

/** The argv of calls after `version`, with the temporary event-log path replaced. */
function commandLines(): string[][] {
  return fake.calls().filter((c) => c.argv[0] !== "version").map((c) => c.argv.map((a, i, all) => (all[i - 1] === "--event-log" ? "<event-log>" : a)));
}

// preview and up name the execution kind before the event log; refresh and destroy after it.
const LOGGED = ["--exec-kind", "auto.local", "--event-log", "<event-log>"];
const LOGGED_AFTER = ["--event-log", "<event-log>", "--exec-kind", "auto.local"];

describe("the Automation API adapter", () => {
  it("installs plugins once, opens a stack with stack select, and creates a missing one with the secrets provider", async () => {
    vi.stubEnv("FAKE_PULUMI_MISSING", "newcomer");
    const e = await engine("awskms://alias/pulumi?region=eu-central-1");
    await e.prepare();
    await e.openStack("acme", true);
    await e.openStack("newcomer", true);
    expect(commandLines()).toEqual([
      ["install", "--no-dependencies", "--non-interactive"],
      ["stack", "select", "--stack", "acme", "--non-interactive"],
      ["config", "get", "tenantsDir", "--json", "--stack", "acme", "--non-interactive"],
      ["stack", "select", "--stack", "newcomer", "--non-interactive"],
      ["stack", "init", "newcomer", "--secrets-provider", "awskms://alias/pulumi?region=eu-central-1", "--non-interactive"],
      ["config", "get", "tenantsDir", "--json", "--stack", "newcomer", "--non-interactive"],
    ]);
    for (const call of fake.calls().filter((c) => c.argv[0] !== "version")) {
      expect(call.cwd).toBe(workDir);
      // A fresh runner has no Pulumi.<stack>.yaml: the CLI takes the secrets provider from the state.
      expect(call.env).toMatchObject({ PULUMI_AUTOMATION_API: "true", PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER: "true" });
    }
  });

  it("creates no stack on a DIY backend without an explicit secrets provider, and does with one", async () => {
    vi.stubEnv("FAKE_PULUMI_MISSING", "newcomer");
    const bucket = "s3://state-bucket?region=eu-central-1";
    await expect((await engine(undefined, bucket)).openStack("newcomer", true)).rejects.toThrow(/on a DIY backend \(s3:\/\/state-bucket.*explicit --secrets-provider/);
    expect(commandLines().filter((argv) => argv[1] === "init")).toEqual([]);
    await (await engine("passphrase", bucket)).openStack("newcomer", true);
    expect(commandLines().filter((argv) => argv[1] === "init")).toEqual([["stack", "init", "newcomer", "--secrets-provider", "passphrase", "--non-interactive"]]);
  });

  it("on cancellation asks the running CLI to stop gracefully (SIGINT), starts no other tenant, and reports both", async () => {
    vi.stubEnv("FAKE_PULUMI_RUN_MS", "20000");
    const controller = new AbortController();
    const lines: string[] = [];
    const running = runFleet({ command: "up", tenants: ["alpha", "bravo"], engine: await engine(), concurrency: 1, signal: controller.signal, log: (line) => lines.push(line) });
    await expect.poll(() => fake.running(), { timeout: 30_000, interval: 50 }).toEqual(["alpha"]);
    controller.abort();
    const reports = await running;
    expect(reports.map((r) => r.status)).toEqual(["interrupted", "not-started"]);
    expect(reports[0]?.error).toMatch(/pulumi cancel --stack alpha/);
    const ups = fake.calls().filter((c) => c.argv[0] === "up");
    expect(ups.map((c) => [c.argv[c.argv.indexOf("--stack") + 1], c.signal])).toEqual([["alpha", "SIGINT"]]);
    expect(lines).toContain("bravo | not started: the run was cancelled");
  });

  it("refuses to open a missing stack for commands that need it", async () => {
    vi.stubEnv("FAKE_PULUMI_MISSING", "ghost");
    const e = await engine();
    await expect(e.openStack("ghost", false)).rejects.toThrow(/no stack named 'ghost' found/);
    expect(commandLines()).toEqual([["stack", "select", "--stack", "ghost", "--non-interactive"]]);
  });

  it("asks the CLI which folder each stack reads its tenant file from (config get applies stack settings, project defaults, environments)", async () => {
    vi.stubEnv("FAKE_PULUMI_CONFIG_acme", JSON.stringify({ tenantsDir: "samples" }));
    const e = await engine();
    expect(await e.openStack("acme", false)).toEqual({ tenantsDir: path.join(workDir, "samples") });
    // Set nowhere: the program's own default.
    expect(await e.openStack("other", false)).toEqual({ tenantsDir: path.join(workDir, "tenants") });
  });

  const expected: Record<FleetCommand, string[][]> = {
    preview: [["preview", "--color", "never", ...LOGGED, "--stack", "acme", "--non-interactive"]],
    up: [
      ["up", "--yes", "--skip-preview", "--color", "never", ...LOGGED, "--stack", "acme", "--non-interactive"],
      ["stack", "output", "--json", "--stack", "acme", "--non-interactive"],
      ["stack", "output", "--json", "--show-secrets", "--stack", "acme", "--non-interactive"],
      ["stack", "history", "--json", "--page-size", "1", "--page", "1", "--stack", "acme", "--non-interactive"],
    ],
    refresh: [
      ["refresh", "--skip-preview", "--yes", "--color", "never", ...LOGGED_AFTER, "--stack", "acme", "--non-interactive"],
      ["stack", "history", "--json", "--page-size", "1", "--page", "1", "--stack", "acme", "--non-interactive"],
    ],
    // previewRefresh: the same refresh --preview-only, without reading the history afterwards;
    // the program runs, so the provider assumes the reader role it names (program/provider-role.ts).
    // No --expect-no-changes: the engine would count that provider's assumeRoles update as drift.
    drift: [["refresh", "--preview-only", "--run-program=true", "--color", "never", ...LOGGED, "--stack", "acme", "--non-interactive"]],
    destroy: [
      ["destroy", "--yes", "--skip-preview", "--exclude-protected", "--color", "never", ...LOGGED_AFTER, "--stack", "acme", "--non-interactive"],
      ["stack", "history", "--json", "--page-size", "1", "--page", "1", "--stack", "acme", "--non-interactive"],
    ],
  };

  for (const [command, lines] of Object.entries(expected) as [FleetCommand, string[][]][]) {
    it(`runs ${command} as exactly the documented CLI call, naming the stack`, async () => {
      const e = await engine();
      await e.openStack("acme", command === "preview" || command === "up");
      const before = commandLines().length;
      await e.run("acme", command, { onEvent: () => undefined, onOutput: () => undefined });
      expect(commandLines().slice(before)).toEqual(lines);
    });
  }

  it("returns up's outputs with secrets masked", async () => {
    vi.stubEnv("FAKE_PULUMI_OUTPUTS", JSON.stringify({ zoneId: "0123", databaseSecretArn: "[secret]" }));
    vi.stubEnv("FAKE_PULUMI_SECRET_OUTPUTS", JSON.stringify({ zoneId: "0123", databaseSecretArn: "arn:aws:secretsmanager:real" }));
    const e = await engine();
    await e.openStack("acme", true);
    const result = await e.run("acme", "up", { onEvent: () => undefined, onOutput: () => undefined });
    expect(result.outputs).toEqual({ zoneId: "0123", databaseSecretArn: "[secret]" });
  });

  it("delivers the engine's events and reports the CLI's failure per tenant", async () => {
    fake.events("acme", [
      step("acme", "replace", RDS, "acme-db", { keys: ["engine"] }),
      step("acme", "create-replacement", RDS, "acme-db"),
      step("acme", "delete", ROUTE, "acme-route"),
      step("acme", "same", "aws:ec2/vpc:Vpc", "acme-vpc"),
      done("acme", "delete", ROUTE, "acme-route"),
      summary({ replace: 1, delete: 1, same: 1 }),
    ]);
    vi.stubEnv("FAKE_PULUMI_FAIL_broken", "error: configuration missing: aws:region");
    const lines: string[] = [];
    const reports = await runFleet({ command: "preview", tenants: ["acme", "broken"], engine: await engine(), concurrency: 2, log: (l) => lines.push(l) });
    const [acme, broken] = reports;
    // The database's undeclared replacement fails the preview; the route's deletion is fine.
    expect(acme).toMatchObject({ status: "failed", error: "would lose data: acme-db would be replaced: a new, empty resource takes its place, and the tenant file does not declare it" });
    expect(acme?.changes.counts).toEqual({ replace: 1, delete: 1, same: 1 });
    expect(acme?.changes.resources[0]).toMatchObject({ kind: "replace", type: RDS, name: "acme-db", stateful: true, keys: ["engine"] });
    expect(broken).toMatchObject({ status: "failed", error: "error: configuration missing: aws:region" });
    expect(lines).toContain(`acme | start replace ${RDS} acme-db`);
    expect(lines.some((l) => l.startsWith("broken | FAILED") && l.includes("configuration missing"))).toBe(true);
  });

  it("classifies drift from the refresh's step events, ignoring the provider's assumeRoles update", async () => {
    const roleOnly = { detailedDiff: { "assumeRoles[0].roleArn": { diffKind: "update" as never, inputDiff: true } }, diffs: ["assumeRoles"] };
    fake.events("acme", [
      step("acme", "update", "pulumi:providers:aws", "acme-aws", roleOnly),
      step("acme", "update", "aws:s3/bucket:Bucket", "acme-backups", { detailedDiff: { tags: { diffKind: "update" as never, inputDiff: false } } }),
      summary({ update: 2 }),
    ]);
    fake.events("calm", [step("calm", "update", "pulumi:providers:aws", "calm-aws", roleOnly), step("calm", "refresh", "aws:s3/bucket:Bucket", "calm-backups"), summary({ update: 1, same: 1 })]);
    const reports = await runFleet({ command: "drift", tenants: ["acme", "calm"], engine: await engine(), concurrency: 2, log: () => undefined });
    expect(reports.map((r) => r.status)).toEqual(["drifted", "in-sync"]);
    expect(reports[0]?.changes.resources).toMatchObject([{ kind: "update", keys: ["tags"], stateful: true }]);
    expect(reports[1]?.notes).toEqual(["calm-aws: provider credentials differ by job, ignored"]);
  });

  it("opens stacks one at a time and never selects a stack while operations run", async () => {
    vi.stubEnv("FAKE_PULUMI_SELECT_MS", "60");
    vi.stubEnv("FAKE_PULUMI_RUN_MS", "1500");
    const tenants = ["alpha", "bravo", "charlie"];
    await runFleet({ command: "preview", tenants, engine: await engine(), concurrency: 3, log: () => undefined });
    const calls = fake.calls();
    const selects = calls.filter((c) => c.argv[0] === "stack" && c.argv[1] === "select");
    const operations = calls.filter((c) => c.argv[0] === "preview");
    expect(selects).toHaveLength(3);
    for (let i = 1; i < selects.length; i++) expect(selects[i]!.started).toBeGreaterThanOrEqual(selects[i - 1]!.ended);
    const lastSelect = Math.max(...selects.map((c) => c.ended));
    for (const op of operations) expect(op.started).toBeGreaterThanOrEqual(lastSelect);
    // The operations themselves overlapped: concurrency is real.
    const sorted = [...operations].sort((a, b) => a.started - b.started);
    expect(sorted[1]!.started).toBeLessThan(sorted[0]!.ended);
    expect(operations.map((c) => c.argv[c.argv.indexOf("--stack") + 1]).sort()).toEqual(tenants);
  });
});

describe("finding the Pulumi CLI", () => {
  it("falls back to $PULUMI_HOME/bin when pulumi is not on PATH", async () => {
    const found = await findPulumiCli({ ...process.env, PATH: mkdtempSync(path.join(os.tmpdir(), "empty-path-")), PULUMI_HOME: fake.root });
    expect(found.command).toBe(path.join(fake.root, "bin", "pulumi"));
    expect(found.version?.toString()).toBe("3.200.0");
  });
});

describe("the policy pack on preview and up", () => {
  it("passes the pack and its configuration as the documented flags", async () => {
    const pulumiCommand = await PulumiCommand.get({ root: fake.root });
    const e = new AutomationEngine({ workDir, pulumiCommand, envVars: {}, policy: { policyPacks: ["/repo/policies"], policyPackConfigs: ["/repo/levels.json"] } });
    await e.openStack("acme", true);
    const before = commandLines().length;
    await e.run("acme", "preview", { onEvent: () => undefined, onOutput: () => undefined });
    const [preview] = commandLines().slice(before);
    expect(preview).toEqual(expect.arrayContaining(["--policy-pack", "/repo/policies", "--policy-pack-config", "/repo/levels.json"]));
    expect(preview!.indexOf("--policy-pack-config")).toBe(preview!.indexOf("/repo/policies") + 1);
  });

  it("uses the project's pack by default, and refuses contradictory or missing settings", () => {
    const project = mkdtempSync(path.join(os.tmpdir(), "fleet-policy-"));
    expect(policyPackOptions(project, undefined, false)).toBeUndefined();
    mkdirSync(path.join(project, "policies"));
    writeFileSync(path.join(project, "policies", "PulumiPolicy.yaml"), "runtime: nodejs\n");
    expect(policyPackOptions(project, undefined, false)).toEqual({ policyPacks: [path.join(project, "policies")] });
    expect(policyPackOptions(project, undefined, true)).toBeUndefined();
    expect(() => policyPackOptions(project, "levels.json", false)).toThrow("--policy-config levels.json: no such file");
    expect(() => policyPackOptions(project, "levels.json", true)).toThrow("contradict");
  });
});
