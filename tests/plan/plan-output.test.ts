/** The offline plan's outputs: JSON shape, providers, secrets, the CLI's exit codes and messages. */
import { git } from "../helpers/git";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { planJson } from "../../tools/cli/plan";
import { runPlanCli } from "../helpers/plan-cli";
import { defaultProviderUses } from "../../tools/plan/plan-graph";
import { SECRET_MASK } from "../../policies/plan-types";
import { renderMermaid } from "../../tools/plan/render-mermaid";
import { OFFLINE_CLOUDFLARE_TOKEN, planTenant } from "../../tools/plan/run-plan";
import { listTenantIds } from "../../tenant-schema/tenant-files";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { samplePlan } from "../helpers/sample-plans";
import { removeTempFolders, sharingZone, tempFolder, tenantYaml, writeTenant } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

const runCli = runPlanCli;

describe("plan JSON", () => {
  it("has the documented shape for the example tenant", async () => {
    const plan = await samplePlan("example");
    const document = JSON.parse(planJson(plan));
    expect(Object.keys(document)).toEqual(["tenant", "stack", "resources", "outputs"]);
    expect(document.tenant).toBe("example");
    expect(document.stack).toBe("example");
    const urns = new Set(document.resources.map((r: { urn: string }) => r.urn));
    expect(urns.size).toBe(document.resources.length);
    for (const resource of document.resources) {
      expect(Object.keys(resource)).toEqual(["urn", "type", "name", "parent", "custom", "provider", "inputs", "options"]);
      // replaceOnChanges and importId are present only when the program sets them.
      const optional = ["replaceOnChanges", "importId"].filter((key) => key in resource.options);
      expect(Object.keys(resource.options)).toEqual(["protect", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "dependsOn", "aliases", ...optional]);
      if (resource.parent !== null) expect(urns.has(resource.parent), resource.urn).toBe(true);
      if (resource.provider !== null) expect(resource.provider).toMatch(/::pulumi:providers:(aws|cloudflare|random|tls)::example-(aws|cloudflare|random|tls)$/);
      for (const dependency of resource.options.dependsOn) expect(urns.has(dependency)).toBe(true);
    }
    expect(document.resources.filter((r: { parent: string | null }) => r.parent === null).map((r: { type: string }) => r.type))
      .toEqual(["pulumi:pulumi:Stack"]);
    expect(document.outputs).toMatchObject({ tenantId: "example", region: "eu-central-1", hostnames: ["example.com", "www.example.com"] });
  });

  it("uses no default provider, for resources or invokes", async () => {
    const plan = await samplePlan("example");
    expect(defaultProviderUses(plan)).toEqual([]);
    expect(plan.invokes.length).toBeGreaterThan(0);
    const aws = plan.resources.find((r) => r.type === "pulumi:providers:aws")!;
    expect(aws.inputs).toMatchObject({ region: "eu-central-1" });
    expect(JSON.parse(aws.inputs["defaultTags"] as string)).toEqual({ tags: { tenant: "example", "managed-by": "tenant-platform" } });
  });

  it("notices a custom resource without an explicit provider", async () => {
    const plan = await samplePlan("example");
    const vpc = plan.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
    const broken = { ...plan, resources: [...plan.resources, { ...vpc, urn: `${vpc.urn}-copy`, provider: null }] };
    expect(defaultProviderUses(broken)).toEqual([`resource ${vpc.urn}-copy`]);
  });

  it("masks secrets everywhere", async () => {
    const plan = await samplePlan("example");
    const cloudflare = plan.resources.find((r) => r.type === "pulumi:providers:cloudflare")!;
    expect(cloudflare.inputs["apiToken"]).toBe(SECRET_MASK);
    expect(planJson(plan)).not.toContain(OFFLINE_CLOUDFLARE_TOKEN);
    expect(renderMermaid(plan)).not.toContain(OFFLINE_CLOUDFLARE_TOKEN);
  });

  it("assumes the tenant's deploy role and pins its account when the file names them", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", tenantYaml({}).replace(
      "  region: eu-central-1\n",
      '  region: eu-central-1\n  accountId: "210987654321"\n  deployRoleArn: arn:aws:iam::210987654321:role/deployer\n',
    ));
    const plan = await planTenant("acme", dir);
    const aws = plan.resources.find((r) => r.type === "pulumi:providers:aws")!;
    expect(JSON.parse(aws.inputs["allowedAccountIds"] as string)).toEqual(["210987654321"]);
    expect(JSON.parse(aws.inputs["assumeRoles"] as string)).toEqual([
      { roleArn: "arn:aws:iam::210987654321:role/deployer", sessionName: "tenant-platform-acme" },
    ]);
  });

  it("is the same graph every time", async () => {
    const first = planJson(await planTenant("example", "samples"));
    const second = planJson(await planTenant("example", "samples"));
    expect(second).toBe(first);
  });
});

describe("the program", () => {
  it("refuses a stack with no tenant file, listing the known tenants", async () => {
    await expect(planTenant("nope", "samples")).rejects.toThrow(
      `stack "nope" has no tenant file samples/nope.yaml; the stack name is the tenant id. Known tenants: ${listTenantIds("samples").join(", ")}.`,
    );
  });

  it("refuses a tenant whose hostname another tenant claims", async () => {
    const dir = tempFolder();
    writeTenant(dir, "alpha", tenantYaml({}));
    writeTenant(dir, "beta", sharingZone(tenantYaml({ cidr: "10.30.0.0/16" })));
    await expect(planTenant("beta", dir)).rejects.toThrow(/^tenant beta conflicts with the fleet:\n.*beta\.yaml:7:15: edge\.hostnames\[0\]: acme\.example is already claimed by tenant alpha/);
  });
});

describe("npm run plan", () => {
  it("prints the tree and writes JSON and Mermaid files", async () => {
    const dir = tempFolder();
    const result = await runCli("example", "--dir", "samples", "--json", path.join(dir, "example.json"), "--mermaid", path.join(dir, "example.mmd"));
    expect(result.code).toBe(0);
    expect(result.out).toContain("Plan of tenant example (stack example), offline");
    expect(result.out).toContain("│  │  └─ aws:kms:Key example-key  enableKeyRotation=true deletionWindowInDays=30 [protect] [retainOnDelete]");
    expect(result.out).toMatch(/aws:ec2:Subnet example-private-a {2}cidrBlock=10\.20\.0\.0\/20 availabilityZone=eu-central-1a/);
    expect(result.out).toMatch(/example: \d+ resources \(\d+ cloud resources, \d+ components with the stack, 4 providers\), \d+ protected/);
    expect(JSON.parse(readFileSync(path.join(dir, "example.json"), "utf8")).tenant).toBe("example");
    const mermaid = readFileSync(path.join(dir, "example.mmd"), "utf8");
    expect(mermaid.startsWith("flowchart LR\n")).toBe(true);
    expect(mermaid).toMatch(/subgraph vpc\["VPC 10\.20\.0\.0\/16 eu-central-1"\]/);
    const markdown = await runCli("example", "--dir", "samples", "--quiet", "--mermaid", path.join(dir, "example.md"));
    expect(markdown.code).toBe(0);
    const document = readFileSync(path.join(dir, "example.md"), "utf8");
    expect(document.startsWith(`# example\n\n\`\`\`mermaid\n${mermaid}\`\`\``)).toBe(true);
    expect(document).toContain("## Network example");
  });

  it("plans a tenant given by path", async () => {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", tenantYaml({}));
    const result = await runCli(file, "--quiet", "--dir", "samples");
    expect(result.code).toBe(0);
    const [fleet, summary, cost, cloudflare, reachability, policies, ...rest] = result.out.split("\n");
    expect(fleet).toBe(`fleet: ${file} was checked against the ${listTenantIds("samples").length} other tenants in samples/`);
    expect(summary).toBe("acme: 55 resources (46 cloud resources, 5 components with the stack, 4 providers), 2 protected");
    expect(cost).toMatch(/^acme: estimated cost USD [\d,]+\.\d\d(–[\d,]+\.\d\d)?\/month$/);
    expect(cloudflare).toBe("acme: Cloudflare plan: free (every zone starts on it; this stack buys nothing); 4 features used, all allowed");
    expect(reachability).toBe("acme: reachability: 0 needed flows open, 0 missing; 0 rules open beyond them");
    // acme is in no folder the deploy policy was generated from: deploy-policy-covers-tenant says
    // so for its flow log role (creating it, passing it).
    expect(policies).toBe("acme: policies: 0 mandatory, 2 advisory violations");
    expect(rest.map((line) => line.replace(/\).*/, ")"))).toEqual([
      "  [advisory] deploy-policy-covers-tenant (platform: least-privilege deploy role)",
      "  [advisory] deploy-policy-covers-tenant (platform: least-privilege deploy role)",
    ]);
  });

  it("reports the policy pack's findings, and passes a declared database replacement with --enforce-policies", async () => {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", dataTenantYaml([...MYSQL, "replacement: { allow: true, reason: moving the site to PostgreSQL }"]));
    // The database is unprotected and its deletion protection off, as the declaration asks.
    const result = await runCli(file, "--quiet", "--enforce-policies");
    expect(result.code).toBe(0);
    // Its roles, instance profile and access log bucket are outside the deploy policy's names
    // (deploy-policy-covers-tenant), and its image is a ghcr.io tag (image-pinned-for-fleet).
    expect(result.out).toContain("acme: policies: 0 mandatory, 11 advisory violations");
    expect(result.out).toContain("acme-access-logs: aws:s3/bucket:Bucket acme-access-logs: the deploy policy does not let it create the bucket acme-access-logs-… (s3:CreateBucket)");
    expect(result.out).toContain('[advisory] image-pinned-for-fleet (platform preflight): acme-web: web.app.image "ghcr.io/acme/site:1.4" is named by a tag');
    // Made advisory by configuration, a rule the tenant breaks is reported but does not fail the run.
    const config = path.join(dir, "levels.json");
    writeFileSync(config, JSON.stringify({ "rds-backup-retention": { enforcementLevel: "advisory", minimumDays: 30 } }));
    const advisory = await runCli(file, "--quiet", "--enforce-policies", "--policy-config", config);
    expect(advisory.code).toBe(0);
    expect(advisory.out).toContain("acme: policies: 0 mandatory, 12 advisory violations");
    expect(advisory.out).toMatch(/\[advisory\] rds-backup-retention \([^)]*\): acme-db: /);
  });

  it("plans every tenant file with --all and writes one JSON per tenant", async () => {
    const jsonDir = tempFolder();
    const result = await runCli("--all", "--dir", "samples", "--json-dir", jsonDir);
    expect(result.code).toBe(0);
    const ids = listTenantIds("samples");
    expect(readdirSync(jsonDir).sort()).toEqual(ids.map((id) => `${id}.json`).sort());
    expect(result.out).toContain(`${ids.length} planned, 0 failed`);
  });

  it("plans only the tenants the commits since --base affect with --affected, and validates every file", async () => {
    const project = tempFolder();
    const tenants = path.join(project, "tenants");
    mkdirSync(tenants);
    const inRepo = (...args: string[]) => git(project, ...args);
    writeTenant(tenants, "shop", tenantYaml({}, "shop.example"));
    writeTenant(tenants, "blog", tenantYaml({ cidr: "10.21.0.0/16" }, "blog.example"));
    inRepo("init", "-q", "-b", "main");
    inRepo("add", "-A");
    inRepo("commit", "-qm", "base");
    writeTenant(tenants, "shop", tenantYaml({ nat: "none" }, "shop.example"));
    inRepo("commit", "-qam", "shop without NAT");
    const result = await runCli("--all", "--dir", tenants, "--base", "HEAD~1", "--affected");
    expect(result.code).toBe(0);
    expect(result.out).toContain("tenants affected since HEAD~1: shop");
    expect(result.out).toContain("1 planned, 0 failed");
    expect(result.out).not.toMatch(/^blog: \d+ resources/m);
    // An invalid file elsewhere in the fleet still stops the run, affected or not.
    writeTenant(tenants, "blog", "aws: { region: nowhere }\n");
    const broken = await runCli("--all", "--dir", tenants, "--base", "HEAD~1", "--affected");
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("blog.yaml");
    expect((await runCli("--all", "--affected")).err).toContain("--affected needs --base");
  });

  it("names the known tenants when the one asked for does not exist", async () => {
    const result = await runCli("nope", "--dir", "samples");
    expect(result.code).toBe(1);
    expect(result.err).toBe(`no tenant "nope" in samples/; known tenants: ${listTenantIds("samples").join(", ")}.`);
  });

  it("does not take a sample for a tenant of the fleet, and says how to plan it", async () => {
    const result = await runCli("example");
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'no tenant "example" in tenants/; known tenants: none. example is a sample (samples/example.yaml): samples are planned with --dir samples and never deployed; to make it a tenant, copy it into tenants/ with your own aws.accountId and Cloudflare account or zone id',
    );
  });

  it("plans an empty fleet as nothing to do, not as a failure", async () => {
    const result = await runCli("--all", "--enforce-policies");
    expect(result.code).toBe(0);
    expect(result.out).toBe("no tenant files (*.yaml) in tenants/: nothing to plan (the sample tenants are planned with --dir samples)");
  });

  it("prints positioned errors for an invalid file and plans nothing of the fleet", async () => {
    const dir = tempFolder();
    writeTenant(dir, "good", tenantYaml({}));
    writeTenant(dir, "bad", tenantYaml({ nat: "sometimes" }, "bad.example"));
    const jsonDir = path.join(tempFolder(), "plans");
    const result = await runCli("--all", "--dir", dir, "--json-dir", jsonDir);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `${dir}/bad.yaml:5:8: network.nat: must be one of "none", "single", "perZone"; got the text "sometimes"\nnothing planned: fix the files above first`,
    );
    expect(existsSync(jsonDir)).toBe(false);
  });

  it("explains a wrong command line with exit code 2", async () => {
    expect((await runCli()).code).toBe(2);
    expect((await runCli("--all", "example")).code).toBe(2);
    const unknown = await runCli("example", "--jsn", "x");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown option '--jsn'");
    expect(unknown.err).toContain("usage:");
  });
});
