/** The driver over a fake engine: failure isolation, progress, drift, destroy confirmation, exit codes. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { EventEmitter } from "node:events";
import { CANCELLED_EXIT_CODE, cancelOnSignals, main } from "../../tools/cli/fleet";
import type { FleetReport } from "../../tools/fleet/report";
import { runFleet } from "../../tools/fleet/run-fleet";
import { errorDiagnostic, policy, step, summary, urn } from "./helpers/events";
import { FakeEngine } from "./helpers/fake-engine";

const BUCKET = "aws:s3/bucket:Bucket";

function project(tenants: readonly string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fleet-cli-"));
  mkdirSync(path.join(dir, "tenants"));
  for (const id of tenants) writeFileSync(path.join(dir, "tenants", `${id}.yaml`), "# test\n");
  return dir;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe("runFleet", () => {
  it("does not let a preview create a new tenant's stack on a DIY backend, and says why (the preview role only reads the state)", async () => {
    const script = { fresh: { failOpen: "error: no stack named 'fresh' found" }, known: { events: [summary({ same: 1 })] } };
    const diy = new FakeEngine(script);
    const lines: string[] = [];
    const reports = await runFleet({ command: "preview", tenants: ["fresh", "known"], engine: diy, backendUrl: "s3://acme-pulumi-state?region=eu-central-1", concurrency: 1, log: (l) => lines.push(l) });
    expect(diy.calls.filter((c) => c.startsWith("open "))).toEqual(["open fresh", "open known"]);
    expect(reports.map((r) => [r.tenant, r.status])).toEqual([["fresh", "failed"], ["known", "succeeded"]]);
    expect(reports[0]?.error).toBe(
      "the stack does not exist yet, and on a DIY backend (s3://acme-pulumi-state?region=eu-central-1) a preview cannot create it: the preview role only reads the state. " +
        "A new tenant's stack is created by its first production deploy (or `pulumi stack init <tenant>` by an administrator); until then its pull request is reviewed with the offline plan",
    );
    // Pulumi Cloud, and a deploy on a DIY backend, still create it.
    const cloud = new FakeEngine(script);
    await runFleet({ command: "preview", tenants: ["known"], engine: cloud, concurrency: 1, log: () => undefined });
    const up = new FakeEngine(script);
    await runFleet({ command: "up", tenants: ["known"], engine: up, backendUrl: "s3://acme-pulumi-state", concurrency: 1, log: () => undefined });
    expect([...cloud.calls, ...up.calls].filter((c) => c.startsWith("open "))).toEqual(["open known create", "open known create"]);
  });

  it("isolates failures: a failing open or operation never stops the other tenants", async () => {
    const engine = new FakeEngine({
      bad: { fail: "error: the AWS provider could not assume role", events: [errorDiagnostic("error: could not assume role arn:aws:iam::1:role/x")] },
      closed: { failOpen: "error: no stack named 'closed' found" },
      good: { events: [step("good", "create", BUCKET, "good-files"), summary({ create: 1 })] },
    });
    const lines: string[] = [];
    const reports = await runFleet({ command: "up", tenants: ["bad", "closed", "good", "fine"], engine, concurrency: 2, log: (l) => lines.push(l) });
    expect(reports.map((r) => [r.tenant, r.status])).toEqual([["bad", "failed"], ["closed", "failed"], ["good", "succeeded"], ["fine", "succeeded"]]);
    expect(reports[0]?.error).toBe("error: could not assume role arn:aws:iam::1:role/x");
    expect(reports[1]?.error).toBe("could not open the stack: error: no stack named 'closed' found");
    expect(engine.calls.filter((c) => c.startsWith("run "))).toEqual(["run bad up", "run good up", "run fine up"]);
    expect(engine.overlappingOpens).toBe(false);
    expect(engine.prepared).toBe(1);
    // Progress: every tenant line starts with its id.
    expect(lines).toContain(`good | start create ${BUCKET} good-files`);
    expect(lines.some((l) => /^bad \| FAILED after \d+\.\d s: error: could not assume role/.test(l))).toBe(true);
    expect(lines.filter((l) => !l.startsWith("fleet ")).every((l) => /^(bad|closed|good|fine) \| /.test(l))).toBe(true);
  });

  it("keeps at most `concurrency` operations in flight", async () => {
    const tenants = Array.from({ length: 9 }, (_, i) => `t${i}`);
    const engine = new FakeEngine(Object.fromEntries(tenants.map((t, i) => [t, { delayMs: 5 + (i % 3) * 5 }])));
    await runFleet({ command: "preview", tenants, engine, concurrency: 3, log: () => undefined });
    expect(engine.maxInFlight).toBe(3);
  });

  it("tells drift from failure", async () => {
    const engine = new FakeEngine({
      drifted: { events: [step("drifted", "update", BUCKET, "drifted-files", { detailedDiff: { versioning: { diffKind: "update" as never, inputDiff: false } } })] },
      calm: { events: [step("calm", "refresh", BUCKET, "calm-files"), summary({ same: 1 })] },
      broken: { fail: "error: failed to load the state: access denied" },
    });
    const reports = await runFleet({ command: "drift", tenants: ["drifted", "calm", "broken"], engine, concurrency: 3, log: () => undefined });
    expect(reports.map((r) => r.status)).toEqual(["drifted", "in-sync", "failed"]);
    expect(reports[2]?.error).toBe("error: failed to load the state: access denied");
  });

  it("collects policy findings and counts a replacement once", async () => {
    const engine = new FakeEngine({
      acme: {
        events: [
          step("acme", "create-replacement", "aws:rds/instance:Instance", "acme-db"),
          step("acme", "replace", "aws:rds/instance:Instance", "acme-db", { keys: ["engine"] }),
          step("acme", "delete-replaced", "aws:rds/instance:Instance", "acme-db"),
          policy("rds-encrypted", "mandatory", "RDS storage must be encrypted", urn("acme", "aws:rds/instance:Instance", "acme-db")),
        ],
      },
    });
    const [report] = await runFleet({ command: "preview", tenants: ["acme"], engine, concurrency: 1, log: () => undefined });
    expect(report?.changes.counts).toEqual({ replace: 1 });
    expect(report?.status).toBe("failed");
    expect(report?.error).toBe("would lose data: acme-db would be replaced: a new, empty resource takes its place, and the tenant file does not declare it");
    expect(report?.changes.policies).toEqual([
      // The undeclared replacement of a database, found in the steps themselves.
      { policy: "preview-steps-keep-stateful-data", level: "mandatory", message: "would be replaced: a new, empty resource takes its place, and the tenant file does not declare it", urn: urn("acme", "aws:rds/instance:Instance", "acme-db") },
      { policy: "rds-encrypted", level: "mandatory", message: "RDS storage must be encrypted", urn: urn("acme", "aws:rds/instance:Instance", "acme-db") },
    ]);
  });
});

describe("npm run fleet", () => {
  it("exits 1 when any tenant failed, naming it and why, and writes the JSON and Markdown reports", async () => {
    const dir = project(["alpha", "beta"]);
    const engine = new FakeEngine({ beta: { fail: "error: Stack 'beta' is missing configuration value 'aws:region'" } });
    const { out, err, io } = capture();
    const json = path.join(dir, "report.json");
    const markdown = path.join(dir, "report.md");
    const code = await main(["preview", "--json", json, "--markdown", markdown], io, { env: {}, cwd: dir, createEngine: () => Promise.resolve(engine) });
    expect(code).toBe(1);
    expect(out).toContain("fleet preview: 1 succeeded, 1 failed");
    expect(err).toContain("beta: failed: error: Stack 'beta' is missing configuration value 'aws:region'");
    const report = JSON.parse(readFileSync(json, "utf8")) as FleetReport;
    expect(report.tenants.map((t) => t.status)).toEqual(["succeeded", "failed"]);
    expect(readFileSync(markdown, "utf8")).toMatch(/^<!-- tenant-platform-preview -->\n## Fleet preview: 2 tenants, 1 failed/);
  });

  it("exits 0 when every tenant succeeded", async () => {
    const engine = new FakeEngine();
    expect(await main(["refresh", "alpha"], capture().io, { env: {}, cwd: project(["alpha"]), createEngine: () => Promise.resolve(engine) })).toBe(0);
    expect(engine.calls).toEqual(["prepare", "open alpha", "run alpha refresh"]);
  });

  it("does not run a stack whose program would read its tenant file from another folder than the one selected from", async () => {
    const dir = project([]);
    mkdirSync(path.join(dir, "samples"));
    for (const id of ["alpha", "bravo"]) writeFileSync(path.join(dir, "samples", `${id}.yaml`), "# test\n");
    // As the CLI reports each stack's tenantsDir: bravo's reads samples/, alpha's the default tenants/.
    const engine = new FakeEngine({ alpha: { tenantsDir: path.join(dir, "tenants") }, bravo: { tenantsDir: path.join(dir, "samples") } });
    const { io, err } = capture();
    expect(await main(["up", "--dir", "samples"], io, { env: {}, cwd: dir, createEngine: () => Promise.resolve(engine) })).toBe(1);
    expect(engine.calls.filter((call) => call.startsWith("run"))).toEqual(["run bravo up"]);
    expect(err.filter((line) => line.startsWith("alpha")).join("\n")).toBe(
      `alpha: failed: selected from ${dir}/samples/, but the stack's program reads ${dir}/tenants/alpha.yaml (its tenantsDir); ` +
        "set tenantsDir for the stack (pulumi config set tenantsDir <folder> --stack alpha) or select it from that folder",
    );
    // Destroy runs no program, so the folder does not matter there.
    const destroy = new FakeEngine({ alpha: { tenantsDir: path.join(dir, "tenants") } });
    expect(await main(["destroy", "alpha", "--yes-destroy", "alpha", "--dir", "samples"], capture().io, { env: {}, cwd: dir, createEngine: () => Promise.resolve(destroy) })).toBe(0);
    expect(destroy.calls).toContain("run alpha destroy");
  });

  it("refuses destroy unless each named tenant is confirmed, before touching the engine", async () => {
    const dir = project(["alpha", "beta"]);
    const cases: [string[], RegExp][] = [
      [["destroy"], /tenants named on the command line only/],
      [["destroy", "--changed-since", "HEAD~1"], /tenants named on the command line only/],
      [["destroy", "alpha"], /confirm each tenant with --yes-destroy <tenant>; not confirmed: alpha/],
      [["destroy", "alpha", "beta", "--yes-destroy", "alpha"], /not confirmed: beta/],
      [["destroy", "alpha", "--yes-destroy", "alpha", "--yes-destroy", "beta"], /confirmed but not named: beta/],
      [["up", "alpha", "--yes-destroy", "alpha"], /--yes-destroy only goes with destroy/],
    ];
    for (const [argv, message] of cases) {
      let created = false;
      const { err, io } = capture();
      const code = await main(argv, io, { env: {}, cwd: dir, createEngine: () => { created = true; return Promise.resolve(new FakeEngine()); } });
      expect(code, argv.join(" ")).toBe(2);
      expect(err.join("\n")).toMatch(message);
      expect(created).toBe(false);
    }
  });

  it("destroys confirmed tenants, even when their file is already gone", async () => {
    const engine = new FakeEngine();
    const code = await main(["destroy", "gone", "--yes-destroy", "gone"], capture().io, { env: {}, cwd: project([]), createEngine: () => Promise.resolve(engine) });
    expect(code).toBe(0);
    expect(engine.calls).toEqual(["prepare", "open gone", "run gone destroy"]);
  });

  it("explains wrong command lines with exit 2", async () => {
    const dir = project(["alpha"]);
    const cases: [string[], RegExp][] = [
      [[], /name a command: one of preview, up, refresh, drift, destroy/],
      [["deploy"], /unknown command "deploy"/],
      [["up", "nobody"], /no tenant file for nobody in tenants\/; known tenants: alpha/],
      [["up", "--concurrency", "0"], /--concurrency: a whole number from 1 to 64; got "0"/],
      [["up", "--shard", "3/2"], /--shard: expected i\/n/],
      [["up", "alpha", "--changed-since", "HEAD~1"], /name tenants or use --changed-since, not both/],
      [["up", "--bogus"], /Unknown option '--bogus'/],
    ];
    for (const [argv, message] of cases) {
      const { err, io } = capture();
      expect(await main(argv, io, { env: {}, cwd: dir, createEngine: () => Promise.resolve(new FakeEngine()) }), argv.join(" ")).toBe(2);
      expect(err.join("\n")).toMatch(message);
    }
  });

  it("reports a project that cannot be prepared without a stack trace", async () => {
    const { err, io } = capture();
    const code = await main(["preview"], io, { env: {}, cwd: project(["alpha"]), createEngine: () => Promise.resolve(new FakeEngine({}, "error: could not install plugin aws")) });
    expect(code).toBe(1);
    expect(err).toContain("could not prepare the Pulumi project, no tenant ran: error: could not install plugin aws");
  });

  it("lists the documented environment variables in --help", async () => {
    const { out, io } = capture();
    expect(await main(["--help"], io, { env: {}, cwd: project([]) })).toBe(0);
    for (const name of ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "CLOUDFLARE_API_TOKEN", "AWS_", "--secrets-provider", "--yes-destroy"]) expect(out.join("\n")).toContain(name);
  });

  it("on SIGINT or SIGTERM cancels once and exits at the second", () => {
    const signals = new EventEmitter();
    const exits: number[] = [];
    const { err, io } = capture();
    const controller = cancelOnSignals(io, (code) => exits.push(code), signals, false);
    signals.emit("SIGTERM");
    expect(controller.stop.signal.aborted).toBe(true);
    expect(controller.interrupt.signal.aborted).toBe(true);
    expect(exits).toEqual([]);
    expect(err[0]).toMatch(/^SIGTERM: cancelling - no further tenant starts/);
    signals.emit("SIGINT");
    expect(exits).toEqual([CANCELLED_EXIT_CODE]);
  });

  it("a cancelled run still writes its report, naming what did not run, and exits 130", async () => {
    const dir = project(["acme", "shop"]);
    const engine = new FakeEngine({ acme: { delayMs: 200 } });
    const controller = new AbortController();
    const { out, io } = capture();
    const json = path.join(dir, "up.json");
    const exit = main(["up", "--no-policy-pack", "--json", json], { ...io, out: (line) => { out.push(line); if (line === "acme | up started") controller.abort(); } }, {
      env: {}, cwd: dir, createEngine: () => Promise.resolve(engine), signal: controller.signal,
    });
    expect(await exit).toBe(CANCELLED_EXIT_CODE);
    const report = JSON.parse(readFileSync(json, "utf8")) as FleetReport;
    // acme's operation completed despite the cancellation; shop never started.
    expect(report.tenants.map((t) => [t.tenant, t.status])).toEqual([["acme", "succeeded"], ["shop", "not-started"]]);
    expect(engine.calls.filter((c) => c.startsWith("run"))).toEqual(["run acme up"]);
  });

  it("on cancellation reports at once what ran, what runs and what did not start, then finishes what runs", async () => {
    const engine = new FakeEngine({ alpha: { delayMs: 5 }, bravo: { delayMs: 300 } });
    const controller = new AbortController();
    const snapshots: string[][] = [];
    const reports = await runFleet({
      command: "up", tenants: ["alpha", "bravo", "charlie"], engine, concurrency: 1, signal: controller.signal,
      onCancel: (partial) => snapshots.push(partial.map((r) => `${r.tenant} ${r.status}`)),
      log: (line) => { if (line === "bravo | up started") controller.abort(); },
    });
    expect(snapshots).toEqual([["alpha succeeded", "bravo interrupted", "charlie not-started"]]);
    // bravo's operation (which the fake does not stop) completed after all.
    expect(reports.map((r) => `${r.tenant} ${r.status}`)).toEqual(["alpha succeeded", "bravo succeeded", "charlie not-started"]);
  });

  it("after Ctrl-C in a terminal stops starting tenants but does not signal the CLI a second time", () => {
    const signals = new EventEmitter();
    const cancel = cancelOnSignals(capture().io, () => undefined, signals, true);
    signals.emit("SIGINT");
    expect(cancel.stop.signal.aborted).toBe(true);
    // The terminal sent the CLI processes the same SIGINT; a second one would terminate them.
    expect(cancel.interrupt.signal.aborted).toBe(false);
  });
});
