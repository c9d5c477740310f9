/** The fleet report built from offline plans (`npm run plan -- … --markdown`). */
import { git } from "../helpers/git";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { offlineChanges } from "../../tools/fleet/offline-changes";
import { OFFLINE_MARKER } from "../../tools/fleet/render-markdown";
import { main } from "../../tools/cli/plan";
import { planTenant } from "../../tools/plan/run-plan";
import { removeTempFolders, tempFolder } from "../helpers/temp-tenants";
import { generateFleet } from "../../tools/bench/fleet";

const EXAMPLE = path.resolve(__dirname, "../../samples/example.yaml");

afterAll(removeTempFolders);

describe("offline changes", () => {
  it("reads a plan without a base as a new stack, and compares with a base by URN", async () => {
    const dir = tempFolder();
    copyFileSync(EXAMPLE, path.join(dir, "example.yaml"));
    const before = await planTenant("example", dir);
    writeFileSync(path.join(dir, "example.yaml"), readFileSync(EXAMPLE, "utf8").replace(/^(\s+instanceType:) \S+/m, "$1 t4g.xlarge"));
    const after = await planTenant("example", dir);

    const fresh = offlineChanges(before);
    expect(fresh.counts).toEqual({ create: before.resources.length });

    const changed = offlineChanges(after, before);
    // A bigger type boots faster, so the group's grace period (derived from the boot estimate)
    // follows; the group takes the template's new version, unknown until the template is updated.
    expect(changed.resources).toEqual([
      expect.objectContaining({ kind: "update", type: "aws:autoscaling/group:Group", keys: ["healthCheckGracePeriod", "launchTemplate"] }),
      expect.objectContaining({ kind: "update", type: "aws:ec2/launchTemplate:LaunchTemplate", keys: ["instanceType"] }),
    ]);
    expect(changed.counts).toEqual({ update: 2, same: after.resources.length - 2 });

    // A resource missing from the new plan is a deletion, flagged stateful and protected when it is.
    const withoutKey = { ...after, resources: after.resources.filter((r) => r.type !== "aws:kms/key:Key") };
    const deleted = offlineChanges(withoutKey, after).resources.filter((r) => r.kind === "delete");
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted[0]).toMatchObject({ type: "aws:kms/key:Key", stateful: true, protect: true });
  });
});

describe("npm run plan -- --markdown", () => {
  it("writes the offline report against the base revision", async () => {
    const repo = tempFolder();
    const inRepo = (...args: string[]) => git(repo, ...args);
    mkdirSync(path.join(repo, "tenants"));
    const file = path.join(repo, "tenants", "example.yaml");
    copyFileSync(EXAMPLE, file);
    inRepo("init", "-q");
    inRepo("add", "-A");
    inRepo("commit", "-q", "-m", "base");
    writeFileSync(file, readFileSync(EXAMPLE, "utf8").replace(/^(\s+instanceType:) \S+/m, "$1 t4g.xlarge"));
    mkdirSync(path.join(repo, "out"));
    const markdown = path.join(repo, "out", "summary.md");
    const out: string[] = [];
    const code = await main(["--all", "--dir", path.join(repo, "tenants"), "--base", "HEAD", "--markdown", markdown], { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(code).toBe(0);
    const text = readFileSync(markdown, "utf8");
    expect(text.startsWith(`${OFFLINE_MARKER}\n## Fleet offline plan: 1 tenant`)).toBe(true);
    // One policy finding: the sample's image is a ghcr.io tag (advisory image-pinned-for-fleet).
    expect(text).toMatch(/\| example \| ok \| 0 \| 2 \| 0 \| 0 \| \d+ \| 1 \|/);
    expect(text).toContain("~ update  aws:ec2:LaunchTemplate example-web [instanceType]");
    expect(text).toContain("compared with example.yaml at HEAD");
    // A new instance type rolls every web instance: the report says so, with the refresh's length.
    expect(text).toMatch(/\*\*Disruptive changes \(1\):\*\*\n\n- aws:autoscaling:Group example-web: its launch template example-web gets a new version \(instanceType: "t4g\.small" => "t4g\.xlarge"\), so pulumi up starts an instance refresh: .* The group runs 2 to 6 instances: 2 instances: 1 batch of up to 2, at least \d+ min; 6 instances: 1 batch of up to 6, at least \d+ min/);
  });
});

describe("npm run plan -- --all --base (the fleet review)", () => {
  it("prints the tenants with identical changes as one group, the outlier one by one, the stateful step first", async () => {
    const repo = tempFolder();
    const inRepo = (...args: string[]) => git(repo, ...args);
    const tenants = path.join(repo, "tenants");
    const [first, second, third] = generateFleet(tenants, 3, EXAMPLE);
    inRepo("init", "-q");
    inRepo("add", "-A");
    inRepo("commit", "-q", "-m", "base");
    const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, "utf8")));
    const webType = (type: string) => (text: string) => text.replace(/^(\s+instanceType:) \S+/m, `$1 ${type}`);
    edit(first!, webType("t4g.medium"));
    edit(second!, webType("t4g.medium"));
    edit(third!, (text) => webType("t4g.large")(text).replace(/^(\s+instanceClass:) \S+/m, "$1 db.t4g.large"));
    mkdirSync(path.join(repo, "out"));
    const markdown = path.join(repo, "out", "summary.md");
    const out: string[] = [];
    const code = await main(["--all", "--dir", tenants, "--base", "HEAD", "--markdown", markdown], { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("fleet: pulumi up after HEAD: 3 tenant(s): 2 in 1 group(s) of identical changes, 1 with changes of their own, 0 failed, 0 without changes");
    // No per-tenant step list any more: the grouped review says it once.
    expect(text).not.toMatch(/^fleet-00\d: pulumi up after HEAD: \d+ steps/m);
    expect(text).toMatch(/ stateful, replaced or deleted \(they hold data or go away\):\n {2}~ {2}aws:rds:Instance fleet-002-db {2}update \[stateful\] \[protected\] {2}in fleet-002\n {8}instanceClass: "db\.t4g\.medium" => "db\.t4g\.large"/);
    expect(text).toContain(" changes of their own:\n fleet-002: ");
    const group = text.slice(text.indexOf(" group 1: "));
    expect(group).toMatch(/^ group 1: the same 2 updates in 2 tenants: fleet-000, fleet-001\n/);
    expect(group).toContain("  ~  aws:ec2:LaunchTemplate {tenant}-web  update\n        instanceType: \"t4g.small\" => \"t4g.medium\"");
    // The template's id is the one the cloud gave each tenant's template: read relative to the tenant, it does not split the group.
    expect(group).toContain("        launchTemplate: {\"id\":\"{id of LaunchTemplate {tenant}-web}\",\"version\":\"1\"} => [unknown]");
    expect(group).toMatch(/ {2}warning: aws:autoscaling:Group \{tenant\}-web: its launch template \{tenant\}-web gets a new version \(instanceType: "t4g\.small" => "t4g\.medium"\)/);
    // The Markdown summary groups them the same way.
    const report = readFileSync(markdown, "utf8");
    expect(report).toContain("### Group 1: the same 2 updates in 2 tenants\n\nTenants: fleet-000, fleet-001\n");
    expect(report).toContain("### fleet-002: ok");
  });
});
