/** Exchange links grow the selection: partners before and after a change, and exporters naming a changed tenant. */
import { git } from "../helpers/git";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../tools/cli/fleet";
import { withExchangeDependents } from "../../tools/fleet/exchange-dependents";
import { featureTenantYaml } from "../helpers/feature-tenant";
import { FakeEngine } from "./helpers/fake-engine";

describe("exchange dependents", () => {
  const known = ["alpha", "beta", "gamma", "delta"];

  it("adds partners now and at the base, and the tenants naming a changed one", () => {
    const head = new Map([["alpha", ["gamma"]], ["beta", []], ["gamma", []], ["delta", ["beta"]]]);
    const base = new Map([["alpha", ["beta"]]]);
    expect(withExchangeDependents(["alpha"], head, base, known).tenants).toEqual(["alpha", "beta", "gamma"]);
    expect(withExchangeDependents(["beta"], head, new Map(), known).tenants).toEqual(["beta", "delta"]);
    expect(withExchangeDependents(["gamma"], head, new Map(), known).tenants).toEqual(["alpha", "gamma"]);
  });

  it("adds nobody when no exchange links the selection, and never a tenant outside the fleet", () => {
    const head = new Map([["alpha", ["ghost"]], ["beta", []]]);
    expect(withExchangeDependents(["beta"], head, new Map(), known)).toEqual({ tenants: ["beta"], reasons: [] });
    expect(withExchangeDependents(["alpha"], head, new Map(), known).tenants).toEqual(["alpha"]);
  });

  it("selects the removed and the added partner when an exporter's list changes in git", async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), "fleet-exchange-"));
    const inRepo = (...args: string[]) => git(repo, ...args);
    const tenant = (id: string, account: string, cidr: string, partners?: string[]) =>
      writeFileSync(path.join(repo, "tenants", `${id}.yaml`), featureTenantYaml({ account, zone: `${id}.example`, cidr, partners }));
    inRepo("init", "-q", "-b", "main");
    mkdirSync(path.join(repo, "tenants"));
    tenant("alpha", "111111111111", "10.20.0.0/16", ["beta"]);
    tenant("beta", "222222222222", "10.21.0.0/16");
    tenant("gamma", "333333333333", "10.22.0.0/16");
    tenant("delta", "444444444444", "10.23.0.0/16");
    inRepo("add", "-A");
    inRepo("commit", "-q", "-m", "base");
    inRepo("tag", "base");
    tenant("alpha", "111111111111", "10.20.0.0/16", ["gamma"]);
    inRepo("commit", "-qam", "alpha shares with gamma instead of beta");

    const engine = new FakeEngine();
    const out: string[] = [];
    const code = await main(["preview", "--changed-since", "base"], { out: (t) => out.push(t), err: (t) => out.push(t) }, { env: {}, cwd: repo, createEngine: () => Promise.resolve(engine) });
    expect(code).toBe(0);
    expect(engine.calls.filter((c) => c.startsWith("run ")).sort()).toEqual(["run alpha preview", "run beta preview", "run gamma preview"]);
    expect(out).toContain("selection: tenant gamma: partner of alpha, whose file changed (its read access follows alpha's grants)");
    expect(out).toContain("selection: tenant beta: was a partner of alpha at the base revision (its read access is revoked)");
  });
});
