/** The cloud preview's report (`npm run fleet -- preview --markdown`) through the fake engine: the same grouped summary and size budget as the offline plan's. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../tools/cli/fleet";
import { COMMENT_BUDGET } from "../../tools/fleet/render-markdown";
import { step, summary, urn } from "./helpers/events";
import { FakeEngine, type FakeStack } from "./helpers/fake-engine";
import { idOf } from "./helpers/generated-fleet";

function project(tenants: readonly string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fleet-summary-"));
  mkdirSync(path.join(dir, "tenants"));
  for (const id of tenants) writeFileSync(path.join(dir, "tenants", `${id}.yaml`), "# test\n");
  return dir;
}

const diff = (...keys: string[]) => ({ detailedDiff: Object.fromEntries(keys.map((k) => [k, { diffKind: "update" as never, inputDiff: true }])) });

/** The preview of a shared change: the same updates in every tenant; `outlier` also replaces its target group. */
function script(tenants: readonly string[], outlier: string): Record<string, FakeStack> {
  return Object.fromEntries(tenants.map((id) => [id, {
    events: [
      step(id, "update", "aws:ec2/launchTemplate:LaunchTemplate", `${id}-web`, diff("instanceType")),
      step(id, "update", "aws:autoscaling/group:Group", `${id}-web`, diff("launchTemplate")),
      ...(id === outlier ? [step(id, "replace", "aws:lb/targetGroup:TargetGroup", `${id}-web`, { keys: ["port"] })] : []),
      summary({ update: 2, same: 150 }),
    ],
  }]));
}

async function preview(tenants: readonly string[], engine: FakeEngine) {
  const dir = project(tenants);
  const markdown = path.join(dir, ".fleet", "preview.md");
  const code = await main(["preview", "--markdown", markdown], { out: () => undefined, err: () => undefined }, { env: {}, cwd: dir, createEngine: () => Promise.resolve(engine) });
  return { code, markdown };
}

describe("the cloud preview's summary", () => {
  it("groups the tenants with the same steps and shows the outlier's replacement in full", async () => {
    const tenants = Array.from({ length: 30 }, (_, i) => idOf(i));
    const { code, markdown } = await preview(tenants, new FakeEngine(script(tenants, "t017")));
    expect(code).toBe(0);
    const text = readFileSync(markdown, "utf8");
    expect(text).toMatch(/^<!-- tenant-platform-preview -->\n## Fleet preview: 30 tenants\n/);
    expect(text).toContain("### Group 1: the same 2 updates in 29 tenants (the same fields; values not compared in a cloud preview)");
    // The cloud preview's report reads no values: the fields only.
    expect(text).toContain("- update `aws:ec2:LaunchTemplate` `{tenant}-web` — keys: `instanceType`");
    expect(text).toContain("- replace `aws:lb:TargetGroup` `t017-web` — forced by: `port` — in `t017`");
    expect(text).toContain("### t017: ok");
    expect(existsSync(path.join(path.dirname(markdown), "preview.full.md"))).toBe(false);
  });

  it("writes the full report beside a comment shortened to the budget, and links it", async () => {
    // Every tenant changes rules of its own: no two alike, so nothing groups.
    const tenants = Array.from({ length: 120 }, (_, i) => idOf(i));
    const stacks = Object.fromEntries(tenants.map((id, i) => [id, {
      events: Array.from({ length: 12 }, (_, r) => step(id, "update", "aws:ec2/securityGroupRule:SecurityGroupRule", `rule-${i}-${r}`, diff("cidrBlocks"))),
    }]));
    const { code, markdown } = await preview(tenants, new FakeEngine(stacks));
    expect(code).toBe(0);
    const comment = readFileSync(markdown, "utf8");
    const full = readFileSync(path.join(path.dirname(markdown), "preview.full.md"), "utf8");
    expect(comment.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(full.length).toBeGreaterThan(COMMENT_BUDGET);
    expect(comment).toContain("[the full report](preview.full.md)");
    expect(full).toContain("### Per tenant");
  });

  describe("disruption warnings from the engine's steps", () => {
    const state = (type: string, name: string, inputs: Record<string, unknown>, id = "") => ({ type, urn: urn("t000", type, name), id, parent: "", provider: "", custom: true, inputs, outputs: {} });
    const update = (type: string, name: string, key: string, before: Record<string, unknown>, after: Record<string, unknown>, id = "") =>
      step("t000", "update", type, name, { ...diff(key), old: state(type, name, before, id), new: state(type, name, after, id) });
    const refresh = { instanceRefresh: { strategy: "Rolling" }, minSize: 2, maxSize: 2, healthCheckGracePeriod: 300 };
    async function comment(events: ReturnType<typeof step>[]): Promise<string> {
      const { code, markdown } = await preview(["t000"], new FakeEngine({ t000: { events: [...events, summary({ update: events.length })] } }));
      expect(code).toBe(0);
      return readFileSync(markdown, "utf8");
    }

    it("warns of the rolling instance refresh when the launch template's instanceType changes", async () => {
      const text = await comment([
        update("aws:ec2/launchTemplate:LaunchTemplate", "t000-web", "instanceType", { instanceType: "t3.small" }, { instanceType: "t3.medium" }, "lt-1"),
        update("aws:autoscaling/group:Group", "t000-web", "launchTemplate", { ...refresh, launchTemplate: { id: "lt-1", version: "1" } }, { ...refresh, launchTemplate: { id: "lt-1", version: "[unknown]" } }),
      ]);
      expect(text).toMatch(/t000-web: its launch template t000-web gets a new version \(instanceType: "t3.small" => "t3.medium"\), so pulumi up starts an instance refresh: every instance is replaced/);
    });

    it("warns of the failover when a Multi-AZ database's instanceClass changes", async () => {
      const db = { instanceClass: "db.t4g.small", multiAz: true, applyImmediately: false };
      const text = await comment([update("aws:rds/instance:Instance", "t000-db", "instanceClass", db, { ...db, instanceClass: "db.t4g.medium" })]);
      expect(text).toMatch(/t000-db: the class changes \(instanceClass: "db.t4g.small" => "db.t4g.medium"\): RDS changes the standby first, then fails over to it/);
      expect(text).toContain("in the next maintenance window");
    });

    it("gives no warning for a tag-only update", async () => {
      const text = await comment([
        update("aws:rds/instance:Instance", "t000-db", "tags", { instanceClass: "db.t4g.small", tags: { a: "1" } }, { instanceClass: "db.t4g.small", tags: { a: "2" } }),
        update("aws:ec2/launchTemplate:LaunchTemplate", "t000-web", "tags", { tags: { a: "1" } }, { tags: { a: "2" } }),
      ]);
      expect(text).toContain("keys: `tags`");
      expect(text).not.toMatch(/instance refresh|fails over|restarts/);
    });
  });
});
