/**
 * `npm run bootstrap -- --plan --json <file>`: the bootstrap program planned offline under the
 * tenants' runtime mocks. GitHub's OIDC provider, one role per environment pinned to its token
 * subject, the generated policies attached (deploy to production and the deploy role, reads to
 * preview and drift), only production able to assume the deploy role, a protected state backend.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../tools/cli/bootstrap";
import { readCommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import type { BootstrapPlan } from "../../tools/bootstrap/plan-bootstrap";
import type { PlannedResource } from "../../policies/plan-types";

const output: string[] = [];
const io = { out: (text: string) => output.push(text), err: (text: string) => output.push(text) };
let plan: BootstrapPlan;

const ofType = (type: string) => plan.resources.filter((resource) => resource.type === `aws:${type}`);
const named = (type: string, name: string) => ofType(type).find((resource) => resource.name === name)!;
const json = (value: unknown) => JSON.parse(value as string) as { Statement: Record<string, unknown>[] };

/** Every policy document a role gets: attached managed policies and inline ones. */
function documentsOf(roleName: string): { Statement: Record<string, unknown>[] }[] {
  const attachedPolicies = ofType("iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs["role"] === roleName).map((a) => named("iam/policy:Policy", a.name));
  const inline = ofType("iam/rolePolicy:RolePolicy").filter((p: PlannedResource) => p.inputs["role"] === roleName);
  return [...attachedPolicies, ...inline].map((resource) => json(resource.inputs["policy"]));
}

beforeAll(async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "bootstrap-plan-")), "bootstrap.json");
  expect(await main(["--plan", "--json", file], io)).toBe(0);
  plan = JSON.parse(readFileSync(file, "utf8")) as BootstrapPlan;
});

describe("the bootstrap plan", () => {
  it("writes its resources and the generated policies", () => {
    const committed = readCommittedPolicies();
    expect(plan.policies).toEqual({ deploy: committed.deploy, read: committed.read, preview: committed.preview });
    expect(output.join("\n")).toMatch(/bootstrap: \d+ resources planned; wrote /);
  });

  it("plans the bootstrap as its own project (Pulumi.yaml's name), not the tenants'", () => {
    const project = /^name:\s*(\S+)/m.exec(readFileSync(path.resolve(__dirname, "../../tools/bootstrap/Pulumi.yaml"), "utf8"))![1];
    expect(project).toBe("tenant-platform-bootstrap");
    expect(plan.resources.length).toBeGreaterThan(0);
    for (const resource of plan.resources) expect(resource.urn, resource.name).toMatch(/^urn:pulumi:bootstrap::tenant-platform-bootstrap::/);
  });

  it("trusts GitHub's OIDC issuer for the STS audience", () => {
    expect(ofType("iam/openIdConnectProvider:OpenIdConnectProvider").map((p) => p.inputs)).toEqual([
      expect.objectContaining({ url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"] }),
    ]);
  });

  it("pins each environment's role to that environment's token subject", () => {
    for (const environment of ["preview", "production", "drift"]) {
      const [statement] = json(named("iam/role:Role", `tenant-platform-${environment}`).inputs["assumeRolePolicy"]).Statement;
      expect(statement).toMatchObject({
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": `repo:acme/tenant-platform:environment:${environment}` } },
      });
    }
  });

  it("gives production and the deploy role the deploy policies, drift the read-only ones, preview those without data reads", () => {
    const committed = readCommittedPolicies();
    const managed = (role: string) => ofType("iam/policy:Policy").filter((p) => p.name.startsWith(`${role}-`)).map((p) => JSON.parse(p.inputs["policy"] as string));
    expect(managed("tenant-platform-production")).toEqual(committed.deploy);
    expect(managed("platform-deployer")).toEqual(committed.deploy);
    expect(managed("tenant-platform-preview")).toEqual(committed.preview);
    expect(managed("tenant-platform-drift")).toEqual(committed.read);
  });

  it("lets only production assume the deploy role", () => {
    const production = named("iam/role:Role", "tenant-platform-production");
    const trust = json(named("iam/role:Role", "platform-deployer").inputs["assumeRolePolicy"]).Statement;
    expect(trust).toEqual([{ Effect: "Allow", Principal: { AWS: [expect.stringContaining(":role/tenant-platform-production")] }, Action: "sts:AssumeRole" }]);
    expect(production.inputs["name"]).toBe("tenant-platform-production");
    const assumable = (role: string) => documentsOf(role).flatMap((d) => d.Statement).filter((s) => JSON.stringify(s["Action"]).includes("sts:AssumeRole")).map((s) => s["Resource"]);
    expect(assumable("tenant-platform-production")).toEqual(["arn:aws:iam::*:role/platform-deployer"]);
    expect(assumable("tenant-platform-preview")).toEqual(["arn:aws:iam::*:role/platform-previewer"]);
    expect(assumable("tenant-platform-drift")).toEqual(["arn:aws:iam::*:role/platform-reader"]);
  });

  it("gives each tenant account reader roles for previews and drift checks, each trusted only by its job's role, with that job's policies", () => {
    const committed = readCommittedPolicies();
    const managed = (role: string) => ofType("iam/policy:Policy").filter((p) => p.name.startsWith(`${role}-`)).map((p) => JSON.parse(p.inputs["policy"] as string));
    for (const [reader, environment, documents] of [["platform-previewer", "preview", committed.preview], ["platform-reader", "drift", committed.read]] as const) {
      const trust = json(named("iam/role:Role", reader).inputs["assumeRolePolicy"]).Statement;
      expect(trust, reader).toEqual([{ Effect: "Allow", Principal: { AWS: [expect.stringMatching(new RegExp(`:role/tenant-platform-${environment}$`))] }, Action: "sts:AssumeRole" }]);
      expect(managed(reader), reader).toEqual(documents);
    }
    expect(plan.outputs).toMatchObject({ previewReaderRoleArn: expect.stringContaining(":role/platform-previewer"), driftReaderRoleArn: expect.stringContaining(":role/platform-reader") });
  });

  it("keeps the state in a versioned bucket encrypted with its own rotating key, both protected", () => {
    for (const resource of [named("kms/key:Key", "tenant-platform-state"), named("s3/bucket:Bucket", "tenant-platform-state")]) {
      expect(resource.options).toMatchObject({ protect: true, retainOnDelete: true });
    }
    expect(named("kms/key:Key", "tenant-platform-state").inputs["enableKeyRotation"]).toBe(true);
    expect(named("s3/bucketVersioning:BucketVersioning", "tenant-platform-state").inputs["versioningConfiguration"]).toEqual({ status: "Enabled" });
    expect(named("s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "tenant-platform-state").inputs["rules"])
      .toEqual([expect.objectContaining({ applyServerSideEncryptionByDefault: expect.objectContaining({ sseAlgorithm: "aws:kms" }) })]);
    expect(plan.outputs).toMatchObject({ PULUMI_BACKEND_URL: "s3://acme-pulumi-state?region=eu-central-1", PULUMI_SECRETS_PROVIDER: "awskms://alias/tenant-platform-state?region=eu-central-1" });
  });
});

/**
 * IAM's decision for one request over a role's documents: an explicit Deny wins, else an Allow,
 * else an implicit deny (IAM User Guide, reference_policies_evaluation-logic.html). Conditions are
 * taken as met, which only widens what the Allow statements grant.
 */
function decision(documents: readonly { Statement: Record<string, unknown>[] }[], action: string, arn: string): "allow" | "deny" | "implicit" {
  const list = (value: unknown) => (Array.isArray(value) ? value : [value]) as string[];
  const glob = (pattern: string, value: string, flags: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, flags).test(value);
  const matching = documents.flatMap((d) => d.Statement).filter((statement) => list(statement["Action"]).some((a) => glob(a, action, "i")) && list(statement["Resource"]).some((r) => glob(r, arn, "")));
  if (matching.some((statement) => statement["Effect"] === "Deny")) return "deny";
  return matching.some((statement) => statement["Effect"] === "Allow") ? "allow" : "implicit";
}

describe("the state backend's guard", () => {
  const arnOf = (type: string, name: string) => {
    const guard = json(ofType("iam/rolePolicy:RolePolicy").find((p) => p.name.startsWith("tenant-platform-state-guard-"))!.inputs["policy"]).Statement;
    const resources = guard.flatMap((statement) => (Array.isArray(statement["Resource"]) ? statement["Resource"] : [statement["Resource"]]) as string[]);
    return resources.find((arn) => arn.includes(type) && arn.endsWith(name))!;
  };

  it("keeps the production and deploy roles, whose deploy policies manage buckets and keys, from destroying the state, its history or its key", () => {
    const bucket = arnOf(":s3:::", "acme-pulumi-state");
    const key = arnOf(":key/", "");
    expect(bucket).toBe("arn:aws:s3:::acme-pulumi-state");
    for (const role of ["tenant-platform-production", "platform-deployer"]) {
      const documents = documentsOf(role);
      const withoutGuard = documents.filter((document) => !document.Statement.some((statement) => String(statement["Sid"]).startsWith("KeepState")));
      for (const [action, arn] of [["s3:PutBucketVersioning", bucket], ["s3:PutLifecycleConfiguration", bucket], ["s3:DeleteBucketPolicy", bucket], ["kms:ScheduleKeyDeletion", key], ["kms:PutKeyPolicy", key]] as const) {
        // The deploy policy's S3 bucket actions reach only buckets named after a tenant (none is
        // named "acme"); the guard still denies them, for a tenant id that starts the bucket's name.
        expect(decision(withoutGuard, action, arn), `${role} ${action} without the guard`).toBe(action.startsWith("s3:") ? "implicit" : "allow");
        expect(decision(documents, action, arn), `${role} ${action}`).toBe("deny");
      }
    }
    const production = documentsOf("tenant-platform-production");
    expect(decision(production, "s3:DeleteObjectVersion", `${bucket}/.pulumi/stacks/tenant-platform/acme.json`)).toBe("deny");
    expect(decision(production, "s3:PutObject", `${bucket}/.pulumi/stacks/tenant-platform/acme.json`)).toBe("allow");
    expect(decision(production, "kms:Decrypt", key)).toBe("allow");
  });

  it("lets preview and drift, which run pull-request code and take no lock, only read the state; production writes it", () => {
    const bucket = arnOf(":s3:::", "acme-pulumi-state");
    const key = arnOf(":key/", "");
    const checkpoint = `${bucket}/.pulumi/stacks/tenant-platform/acme.json`;
    for (const role of ["tenant-platform-preview", "tenant-platform-drift"]) {
      const documents = documentsOf(role);
      expect(decision(documents, "s3:GetObject", checkpoint), role).toBe("allow");
      expect(decision(documents, "kms:Decrypt", key), role).toBe("allow");
      for (const action of ["s3:PutObject", "s3:DeleteObject"]) expect(decision(documents, action, checkpoint), `${role} ${action}`).not.toBe("allow");
      expect(decision(documents, "kms:Encrypt", key), role).not.toBe("allow");
    }
    const production = documentsOf("tenant-platform-production");
    expect(decision(production, "s3:DeleteObject", `${bucket}/.pulumi/locks/tenant-platform/acme/lock.json`)).toBe("allow");
  });

  it("protects and retains the key's alias, which every stack's secrets provider names", () => {
    expect(named("kms/alias:Alias", "tenant-platform-state").options).toMatchObject({ protect: true, retainOnDelete: true });
  });
});

describe("the bootstrap command line", () => {
  it("refuses --plan without --json, and both modes at once", async () => {
    for (const argv of [["--plan"], ["--plan", "--policies", "--json", "x.json"], []]) {
      output.length = 0;
      expect(await main(argv, io), argv.join(" ")).toBe(2);
      expect(output.join("\n")).toContain("give exactly one of --policies or --plan --json <file>");
    }
  });
});
