/** The cloud preview's report (`npm run fleet -- preview --markdown`) through the fake engine: the same grouped summary and size budget as the offline plan's. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../stacks/fleet/cli";
import { COMMENT_BUDGET } from "../../stacks/fleet/render-markdown";
import { step, summary } from "./helpers/events";
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
    expect(text).toContain("### Group 1: the same 2 updates in 29 tenants");
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
});
