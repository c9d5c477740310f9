/**
 * `npm run plan -- <tenant> --base <ref>` read as text, the way a reviewer reads the terminal: the
 * changes with their inputs old => new (stateful first), the steps in order, the disruptive
 * in-place changes with what happens and when, the cost before and after; `--quiet` one line.
 * And one count and one naming of types across the tree, JSON and Markdown.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../tools/cli/plan";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { runPlanCli } from "../helpers/plan-cli";
import { removeTempFolders, tempFolder } from "../helpers/temp-tenants";
import { tenantRepository } from "../helpers/tenant-repository";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

/** Commits `before` as tenants/acme.yaml, writes `after`, runs the plan against HEAD with `flags`. */
async function review(before: string, after: string, ...flags: string[]) {
  const { file } = tenantRepository(before, after);
  return runPlanCli("acme", "--dir", path.dirname(file), "--base", "HEAD", ...flags);
}

const bigger = (yaml: string) => yaml.replace("instanceType: t4g.small", "instanceType: t4g.medium").replace("instanceClass: db.t4g.medium", "instanceClass: db.r7g.large");

describe("plan --base: the review in the terminal", () => {
  it("prints each change with its inputs old => new, stateful first, then the steps, the disruptive changes and the cost; not the tree", async () => {
    const before = dataTenantYaml(MYSQL);
    const result = await review(before, bigger(before));
    expect(result.code).toBe(0);
    expect(result.out).not.toContain("Plan of tenant");
    const lines = result.out.split("\n");
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(result.out).toMatch(/^acme: pulumi up after HEAD: \d+ to update \(stateful: 1\), \d+ unchanged$/m);
    // Stateful first, marked, with the value change under it.
    expect(lines.slice(at(" stateful (they hold data):"), at(" stateful (they hold data):") + 3)).toEqual([
      " stateful (they hold data):",
      "  ~  aws:rds:Instance acme-db  update [stateful]",
      '        instanceClass: "db.t4g.medium" => "db.r7g.large"',
    ]);
    expect(at(" others:")).toBeGreaterThan(at(" stateful (they hold data):"));
    expect(lines[at("aws:ec2:LaunchTemplate acme-web  update") + 1]).toBe('        instanceType: "t4g.small" => "t4g.medium"');
    expect(result.out).toMatch(/^ {4}\d\. ~ {2}update {13}aws:rds:Instance acme-db$/m);
    // What happens and when.
    expect(result.out).toContain("warning: aws:rds:Instance acme-db: the class changes (instanceClass: \"db.t4g.medium\" => \"db.r7g.large\"): the instance restarts on a new host");
    expect(result.out).toContain("Applied in the next maintenance window (sun:03:30-sun:04:30 UTC), after pulumi up has returned");
    expect(result.out).toMatch(/warning: aws:autoscaling:Group acme-web: its launch template acme-web gets a new version \(instanceType: "t4g\.small" => "t4g\.medium"\), so pulumi up starts an instance refresh: .*The group runs 2 to 6 instances/);
    // The cost before and after comes after the changes.
    expect(at("acme: tenant file at HEAD: USD")).toBeGreaterThan(at("disruptive changes (2):"));
    expect(result.out).toMatch(/^acme: tenant file at HEAD: USD [\d.,–]+\/month; now USD [\d.,–]+\/month \(change \+[\d.,]+ (to \+[\d.,]+ )?USD\/month, code as now\)$/m);
  });

  it("with --quiet prints the changes as one line with the cost change", async () => {
    const before = dataTenantYaml(MYSQL);
    const result = await review(before, bigger(before), "--quiet");
    expect(result.code).toBe(0);
    const [summary, diff, ...rest] = result.out.split("\n");
    expect(summary).toMatch(/^acme: \d+ resources \(/);
    expect(diff).toMatch(/^acme: pulumi up after HEAD: \d+ to update \(stateful: 1\), \d+ unchanged, 2 disruptive; cost \+[\d.,]+ (to \+[\d.,]+ )?USD\/month$/);
    expect(rest.filter((l) => l.includes("instanceClass") || l.includes("estimated cost"))).toEqual([]);
  });

  it("names the input that forces a replacement, and an input a replaced resource feeds as [unknown]", async () => {
    const upgrade = MYSQL.map((l) => l.replace('"8.0"', '"8.4"'));
    const result = await review(dataTenantYaml([...MYSQL, "applyImmediately: true"]), dataTenantYaml([...upgrade, "applyImmediately: true"]));
    expect(result.code).toBe(0);
    expect(result.out).toContain("  +- aws:rds:ParameterGroup acme-db  replace (create-before-delete)\n");
    expect(result.out).toContain('        family: "mysql8.0" => "mysql8.4"  (forces the replacement)');
    expect(result.out).toMatch(/^ {8}parameterGroupName: "acme-db-[0-9a-f]+" => \[unknown\]$/m);
    expect(result.out).toMatch(/^ {4}3\. -- delete-replaced {4}aws:rds:ParameterGroup acme-db$/m);
  });

  it("lists deletions and warns that a removed zone moves the instances", async () => {
    const zones = (list: string) => webTenantYaml({ zones: list });
    const result = await review(zones("[eu-central-1a, eu-central-1b]"), zones("[eu-central-1b, eu-central-1c]"));
    expect(result.code).toBe(0);
    expect(result.out).toContain("  -  aws:ec2:Subnet acme-public-a  delete\n");
    expect(result.out).toContain("warning: zone eu-central-1a is removed: its subnets acme-isolated-a, acme-private-a, acme-public-a are deleted at the end of the update. aws:autoscaling:Group acme-web leaves the zone: the instances there are terminated and new ones launched in the remaining zones");
  });

  it("refuses an engine version downgrade before planning, saying why", async () => {
    const newer = MYSQL.map((l) => l.replace('"8.0"', '"8.4"'));
    const result = await review(dataTenantYaml(newer), dataTenantYaml(MYSQL));
    expect(result.code).toBe(1);
    expect(result.err).toContain("goes back from 8.4 to 8.0; RDS cannot downgrade a database.");
  });

  it("says in --help how to see the tree with a base", async () => {
    const out: string[] = [];
    await main(["--help"], { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(out.join("\n")).toContain("run without --base to see the tree");
  });
});

describe("one count and one naming", () => {
  it("counts the resources pulumi preview counts (the stack and providers included) in the tree, JSON and Markdown, with preview's type names", async () => {
    const dir = tempFolder();
    const json = path.join(dir, "example.json");
    const markdown = path.join(dir, "example.md");
    const result = await runPlanCli("example", "--dir", "samples", "--json", json, "--markdown", markdown);
    expect(result.code).toBe(0);
    const plan = JSON.parse(readFileSync(json, "utf8")) as { resources: { type: string }[] };
    const count = Number(/^example: (\d+) resources \(/m.exec(result.out)?.[1]);
    expect(count).toBe(plan.resources.length);
    expect(plan.resources.some((r) => r.type === "pulumi:pulumi:Stack")).toBe(true);
    // Without a base every resource is created: the table's create column is the same count.
    expect(readFileSync(markdown, "utf8")).toContain(`| example | ok | ${count} | 0 | 0 | 0 | 0 |`);
    // The tree and the Markdown name types as preview does; JSON keeps the token, as preview --json does.
    expect(result.out).toMatch(/─ aws:s3:Bucket example-/);
    expect(result.out).not.toMatch(/aws\.s3\.Bucket|aws:s3\/bucket:Bucket/);
    expect(readFileSync(markdown, "utf8")).toMatch(/\+ create {2}aws:s3:Bucket example-/);
    expect(plan.resources.some((r) => r.type === "aws:s3/bucket:Bucket")).toBe(true);
  });
});
