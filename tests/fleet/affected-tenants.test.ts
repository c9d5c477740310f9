/** Affected tenants from a git diff, on real repositories made in the test. */
import { git } from "../helpers/git";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { affectedTenants, changedFiles, GitDiffError } from "../../tools/fleet/affected-tenants";
import { main } from "../../tools/cli/fleet";
import { FakeEngine } from "./helpers/fake-engine";

let repo: string;

/** Git in the test's repository. */
function inRepo(...args: string[]): string {
  return git(repo, ...args);
}

function write(file: string, content = `${file}\n`): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), content);
}

function commit(message: string): void {
  inRepo("add", "-A");
  inRepo("commit", "-q", "-m", message);
}

beforeEach(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), "fleet-git-"));
  inRepo("init", "-q", "-b", "main");
  for (const file of ["tenants/acme.yaml", "tenants/shop.yaml", "tenants/blog.yaml", "tenants/schema.json", "components/network/index.ts", "program/program.ts", "docs/fleet.md", "README.md", "package.json", "Pulumi.yaml", "Pulumi.acme.yaml"]) write(file);
  commit("base");
  inRepo("tag", "base");
});

function since(): ReturnType<typeof affectedTenants> {
  return affectedTenants(changedFiles("base", repo));
}

describe("affected tenants", () => {
  it("selects a tenant whose file changed, or whose stack settings changed", () => {
    write("tenants/acme.yaml", "changed\n");
    write("Pulumi.shop.yaml");
    commit("edit");
    expect(since()).toMatchObject({ all: false, tenants: ["acme", "shop"], deleted: [] });
  });

  it("selects no tenant for documentation, README, workflow or test changes", () => {
    write("docs/fleet.md", "more\n");
    write("README.md", "more\n");
    write(".github/workflows/ci.yml", "on: push\n");
    write("tests/fleet/x.test.ts");
    commit("docs");
    expect(since()).toEqual({ all: false, tenants: [], deleted: [], reasons: [] });
  });

  for (const shared of ["components/network/index.ts", "program/program.ts", "package.json", "Pulumi.yaml", "tenants/schema.json", "policies/rules/new-rule.ts", "some-new-file.txt"]) {
    it(`selects every tenant when ${shared} changes`, () => {
      write(shared, "changed\n");
      commit("shared");
      const result = since();
      expect(result.all).toBe(true);
      expect(result.reasons).toContain(`${shared} changed: shared by every tenant`);
    });
  }

  it("reports a deleted tenant file as an offboarding, not a deploy; a rename is an offboarding and a new tenant", () => {
    inRepo("rm", "-q", "tenants/blog.yaml");
    inRepo("mv", "tenants/shop.yaml", "tenants/store.yaml");
    commit("offboard");
    expect(since()).toMatchObject({ all: false, tenants: ["store"], deleted: ["blog", "shop"] });
  });

  it("compares with the merge base, so later commits on the base branch do not count", () => {
    inRepo("checkout", "-q", "-b", "feature");
    write("tenants/acme.yaml", "feature\n");
    commit("feature");
    inRepo("checkout", "-q", "main");
    write("program/program.ts", "main moved on\n");
    commit("main");
    inRepo("checkout", "-q", "feature");
    expect(affectedTenants(changedFiles("main", repo))).toMatchObject({ all: false, tenants: ["acme"] });
  });

  it("explains an unknown revision", () => {
    expect(() => changedFiles("no-such-ref", repo)).toThrow(GitDiffError);
    expect(() => changedFiles("no-such-ref", repo)).toThrow(/--changed-since no-such-ref: not a revision/);
  });
});

describe("fleet --changed-since", () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
  }

  it("runs the command on the affected tenants only and reports offboardings", async () => {
    write("tenants/acme.yaml", "changed\n");
    inRepo("rm", "-q", "tenants/blog.yaml");
    commit("change");
    const engine = new FakeEngine();
    const { out, io: channels } = io();
    const json = path.join(repo, "out", "report.json");
    const code = await main(["preview", "--changed-since", "base", "--json", json], channels, { env: {}, cwd: repo, createEngine: () => Promise.resolve(engine) });
    expect(code).toBe(0);
    expect(engine.calls).toEqual(["prepare", "open acme create", "run acme preview"]);
    expect(out.some((l) => l.includes("offboarding: tenants/blog.yaml was deleted"))).toBe(true);
    rmSync(path.join(repo, "out"), { recursive: true });
  });

  it("runs nothing when only documentation changed", async () => {
    write("docs/fleet.md", "edit\n");
    commit("docs");
    const engine = new FakeEngine();
    const { out, io: channels } = io();
    expect(await main(["up", "--changed-since", "base"], channels, { env: {}, cwd: repo, createEngine: () => Promise.resolve(engine) })).toBe(0);
    expect(engine.calls).toEqual([]);
    expect(out).toContain("fleet up: no tenant selected");
  });

  it("runs every tenant, sharded, when shared code changed", async () => {
    write("components/network/index.ts", "edit\n");
    commit("code");
    const seen: string[] = [];
    for (const shard of ["1/2", "2/2"]) {
      const engine = new FakeEngine();
      expect(await main(["preview", "--changed-since", "base", "--shard", shard], io().io, { env: {}, cwd: repo, createEngine: () => Promise.resolve(engine) })).toBe(0);
      seen.push(...engine.calls.filter((c) => c.startsWith("run ")).map((c) => c.split(" ")[1]!));
    }
    expect(seen.sort()).toEqual(["acme", "blog", "shop"]);
  });
});
