/**
 * The generated deploy and read-only policies: the committed file is what the plans of tenants/
 * and samples/ need; every tenant's plan is checked against it (a type, action, role name,
 * passed service or region it lacks is a mandatory finding); and it never grants administrator
 * wildcards.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { deployPolicyGrantsPlan } from "../../policies/rules/deploy-permissions";
import { planStackResources } from "../../policies/plan-view";
import { runRules } from "../../policies/run-offline";
import { planFleets } from "../../tools/bootstrap/fleet-plans";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { COMMITTED_TOKENS_FILE, POLICY_TENANT_FOLDERS, generateFromFolders } from "../../tools/bootstrap/generate-policies";
import { readCommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import { coverageGaps, missingProviderCalls, type CheckedResource } from "../../policies/deploy-permissions/policy-coverage";
import { actionNeeds, isAllowedWildcard } from "../../policies/deploy-permissions/required-actions";
import { DATA_READ_ACTIONS, generatePolicies, readsData, MANAGED_POLICIES_PER_ROLE, MANAGED_POLICY_MAX_CHARS, policySize, type PolicyDocument } from "../../policies/deploy-permissions/policy-documents";
import type { TenantPlan } from "../../policies/plan-types";
import { platformIamNames } from "../../tenant-schema/platform-names";
import { sourceFiles } from "../helpers/import-graph";

const ROOT = path.resolve(__dirname, "../..");
const committed = readCommittedPolicies();
const statements = (documents: readonly PolicyDocument[]) => documents.flatMap((document) => document.Statement);

/** The committed deploy policy without `action`. */
function without(action: string): PolicyDocument[] {
  return committed.deploy.map((document) => ({ ...document, Statement: document.Statement.map((statement) => ({ ...statement, Action: statement.Action.filter((a) => a.toLowerCase() !== action.toLowerCase()) })) }));
}

let plans: TenantPlan[];
let lifesum: readonly CheckedResource[];

beforeAll(async () => {
  plans = await planFleets(["samples"]);
  lifesum = planStackResources(plans.find((plan) => plan.tenant === "lifesum")!);
});

describe("the committed policies", () => {
  it("are what `npm run bootstrap -- --policies` generates from the plans now (the Cloudflare tokens too)", async () => {
    const { aws: fresh, cloudflare } = await generateFromFolders(POLICY_TENANT_FOLDERS);
    expect(cloudflare).toEqual(JSON.parse(readFileSync(COMMITTED_TOKENS_FILE, "utf8")));
    expect(fresh.facts).toEqual(committed.facts);
    expect(fresh.deploy).toEqual(committed.deploy);
    expect(fresh.read).toEqual(committed.read);
    expect(fresh.preview).toEqual(committed.preview);
  });

  it("grant every sample tenant's plan all it needs: no finding", () => {
    for (const plan of plans) {
      expect(coverageGaps(planStackResources(plan), committed.deploy), plan.tenant).toEqual([]);
      expect(runRules(plan, [deployPolicyGrantsPlan]), plan.tenant).toEqual([]);
    }
  });

  it("let the deploy invoke and update the database users function (the provider calls Invoke: lambda:InvokeFunction, not InvokeAsync)", () => {
    const granted = new Set(statements(committed.deploy).flatMap((statement) => statement.Action.map((action) => action.toLowerCase())));
    for (const action of ["lambda:InvokeFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "ec2:DescribeSubnets", "ec2:DescribeVpcs"]) {
      expect(granted.has(action.toLowerCase()), action).toBe(true);
    }
  });

  it("never grant a wildcard action beyond one service's reads, and IAM only on the tenants' own roles (listing aside)", () => {
    for (const statement of [...statements(committed.deploy), ...statements(committed.read), ...statements(committed.preview)]) {
      expect(statement.Action.filter((action) => action.includes("*") && !/^[a-z0-9-]+:(Describe|Get|List)\*$/.test(action)), statement.Sid).toEqual([]);
      const iam = statement.Action.filter((action) => action.startsWith("iam:"));
      if (statement.Resource.includes("*")) expect(iam.filter((action) => !action.startsWith("iam:List")), statement.Sid).toEqual([]);
    }
  });

  it("pass roles only to the services the tenants' roles trust, never on any role", () => {
    const passing = statements(committed.deploy).filter((statement) => statement.Action.includes("iam:PassRole"));
    expect(passing).toHaveLength(1);
    for (const statement of passing) {
      expect(statement.Resource.every((arn) => /^arn:aws:iam::\*:role\/[a-z0-9-]+-\*$/.test(arn))).toBe(true);
      expect(statement.Condition?.["StringEquals"]?.["iam:PassedToService"]).toEqual(committed.facts.passRoleServices);
    }
    expect(statements(committed.read).some((statement) => statement.Action.includes("iam:PassRole"))).toBe(false);
  });

  it("never let a deploy touch the platform's own roles and policies (no IAM resource pattern covers their names)", () => {
    const arns = platformIamNames().flatMap((name) => [`arn:aws:iam::123456789012:role/${name}`, `arn:aws:iam::123456789012:policy/${name}`]);
    const patterns = statements(committed.deploy).filter((statement) => statement.Action.some((action) => action.startsWith("iam:"))).flatMap((statement) => statement.Resource).filter((pattern) => pattern !== "*");
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) {
      const matcher = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
      expect(arns.filter((arn) => matcher.test(arn)), pattern).toEqual([]);
    }
  });

  it("let preview and drift read only (drift decrypts secrets only through Secrets Manager)", () => {
    for (const documents of [committed.read, committed.preview]) {
      const reading = statements(documents).filter((statement) => statement.Sid !== "ReadSecretsViaSecretsManager");
      const actions = reading.flatMap((statement) => statement.Action);
      expect(actions.length).toBeGreaterThan(50);
      expect(actions.filter((action) => !/^[a-z0-9-]+:(Get|Describe|List)/.test(action))).toEqual([]);
      expect(actions.some((action) => action.startsWith("sts:"))).toBe(false);
    }
    const decrypting = statements(committed.read).filter((statement) => statement.Action.some((action) => action.startsWith("kms:") && !/^kms:(Get|Describe|List)/.test(action)));
    expect(decrypting).toEqual([expect.objectContaining({ Action: ["kms:Decrypt"], Condition: { StringEquals: { "kms:ViaService": committed.facts.regions.map((region) => `secretsmanager.${region}.amazonaws.com`) } } })]);
    expect(statements(committed.preview).some((statement) => statement.Action.some((action) => action.startsWith("kms:Decrypt")))).toBe(false);
  });

  it("let the preview role, which runs pull-request code, read no secret, object, parameter, console or code; drift reads what a refresh reads", () => {
    const granted = (documents: readonly PolicyDocument[], action: string, arn = "*") =>
      statements(documents).some((statement) => statement.Action.some((pattern) => new RegExp(`^${pattern.replace(/\*/g, ".*")}$`, "i").test(action)) && statement.Resource.some((resource) => resource === "*" || new RegExp(`^${resource.replace(/\*/g, ".*")}$`).test(arn)));
    for (const action of DATA_READ_ACTIONS) expect(granted(committed.preview, action, "arn:aws:ssm:eu-central-1:123456789012:parameter/acme/db-password"), action).toBe(false);
    expect(granted(committed.preview, "ssm:GetParameter", "arn:aws:ssm:eu-central-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64")).toBe(true);
    for (const [action, arn] of [["secretsmanager:GetSecretValue", "*"], ["s3:GetObject", "arn:aws:s3:::example-web-logs-0000000/trust-store/client-ca-0123456789abcdef.pem"]] as const) expect(granted(committed.read, action, arn), action).toBe(true);
    // A refresh reads the objects the stack holds, not the data the tenant keeps beside them.
    expect(granted(committed.read, "s3:GetObject", "arn:aws:s3:::example-backups-0000000/dump.sql")).toBe(false);
    expect(readsData("ssm:Get*")).toBe(true);
    expect(readsData("ec2:Describe*")).toBe(false);
  });

  it("let neither read-only role read parameter values, instance consoles or passwords, and the preview role no secret value or object either (a refresh reads those two)", () => {
    // IAM's matching of an action and a resource against each Allow statement (conditions aside, which only narrow).
    const glob = (pattern: string, value: string, flags: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, flags).test(value);
    const allows = (documents: readonly PolicyDocument[], action: string, arn: string) =>
      statements(documents).some((statement) => statement.Action.some((pattern) => glob(pattern, action, "i")) && statement.Resource.some((resource) => glob(resource, arn, "")));
    const customerParameter = "arn:aws:ssm:eu-central-1:123456789012:parameter/acme/db-password";
    const denied: [string, string][] = [
      ["ssm:GetParameter", customerParameter], ["ssm:GetParameters", customerParameter], ["ssm:GetParametersByPath", customerParameter], ["ssm:GetParameterHistory", customerParameter],
      ["ec2:GetConsoleOutput", "arn:aws:ec2:eu-central-1:123456789012:instance/i-0123456789abcdef0"], ["ec2:GetConsoleScreenshot", "arn:aws:ec2:eu-central-1:123456789012:instance/i-0123456789abcdef0"],
      ["ec2:GetPasswordData", "arn:aws:ec2:eu-central-1:123456789012:instance/i-0123456789abcdef0"],
    ];
    const dataReads: [string, string][] = [["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme-db-AbCdEf"], ["s3:GetObject", "arn:aws:s3:::acme-media/private.pdf"]];
    for (const [action, arn] of [...denied, ...dataReads]) expect(allows(committed.preview, action, arn), `preview ${action}`).toBe(false);
    for (const [action, arn] of denied) expect(allows(committed.read, action, arn), `drift ${action}`).toBe(false);
    for (const documents of [committed.deploy, committed.read, committed.preview]) {
      expect(allows(documents, "ssm:GetParameter", "arn:aws:ssm:eu-central-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64")).toBe(true);
      expect(allows(documents, "ssm:GetParameter", customerParameter)).toBe(false);
    }
    // No read-level wildcard of EC2 beyond Describe* (ec2:Get* includes the console and password reads).
    expect(statements(committed.read).flatMap((statement) => statement.Action).filter((action) => /^(ec2|ssm):Get\*?$|^(ec2|ssm):Get\*/i.test(action))).toEqual([]);
    expect(statements(committed.read).flatMap((statement) => statement.Action).filter((action) => action.startsWith("ec2:Get"))).toEqual(["ec2:GetManagedPrefixListEntries"]);
  });

  it("let a deploy create only the service-linked roles of the services the tenants use (iam:AWSServiceName)", () => {
    const creating = statements(committed.deploy).filter((statement) => statement.Action.some((action) => /^iam:CreateServiceLinkedRole$/i.test(action)));
    expect(creating).toEqual([expect.objectContaining({
      Resource: ["arn:aws:iam::*:role/aws-service-role/*"],
      Condition: { StringEquals: { "iam:AWSServiceName": ["autoscaling.amazonaws.com", "backup.amazonaws.com", "elasticache.amazonaws.com", "elasticloadbalancing.amazonaws.com", "rds.amazonaws.com"] } },
    })]);
  });

  it("fit IAM's managed policy quotas", () => {
    for (const documents of [committed.deploy, committed.read, committed.preview]) {
      expect(documents.length).toBeLessThanOrEqual(MANAGED_POLICIES_PER_ROLE);
      for (const document of documents) expect(policySize(document)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    }
  });
});

describe("the provider's calls, kept apart from the mapping (data/provider-calls.json)", () => {
  const example = () => planStackResources(plans.find((plan) => plan.tenant === "example")!);
  const ofType = (resources: readonly CheckedResource[], type: string) => resources.filter((resource) => resource.type === type);
  /** The gaps the provider's calls find (the mapping's own check finds a missing action of the type as well). */
  const messages = (resources: readonly CheckedResource[], deploy: readonly PolicyDocument[]) => coverageGaps(resources, deploy).map((gap) => gap.message).filter((message) => message.includes("the provider calls"));

  it("are all granted by the committed policies: every call to the deploy role, the read calls to the read-only one", () => {
    expect(missingProviderCalls(committed.facts.resourceTypes, committed.deploy, committed.read)).toEqual([]);
  });

  it("refuse a policy generated from a mapping that leaves a call out", () => {
    const needs = actionNeeds(committed.facts.resourceTypes, committed.facts.invokeTokens);
    const drop = (actions: readonly string[]) => actions.filter((action) => action !== "elasticache:DescribeCacheClusters");
    const gapped = generatePolicies(committed.facts, { ...needs, types: needs.types.map((type) => ({ ...type, deploy: drop(type.deploy), read: drop(type.read) })) });
    expect(missingProviderCalls(committed.facts.resourceTypes, gapped.deploy, gapped.read)).toEqual([
      expect.stringMatching(/^aws_elasticache_replication_group: deploy lacks elasticache:DescribeCacheClusters \(read: internal\/service\/elasticache\/replication_group\.go/),
      expect.stringMatching(/^aws_elasticache_replication_group: read-only lacks elasticache:DescribeCacheClusters /),
    ]);
  });

  it("find a tenant with read replicas that the policy does not let create them", () => {
    const replicas = ofType(example(), "aws:rds/instance:Instance").filter((resource) => resource.props["replicateSourceDb"] !== undefined);
    expect(replicas.length).toBeGreaterThan(0);
    expect(messages(replicas, committed.deploy)).toEqual([]);
    expect(messages(replicas, without("rds:CreateDBInstanceReadReplica"))).toEqual([
      expect.stringContaining("aws:rds/instance:Instance (aws_db_instance): the provider calls rds:CreateDBInstanceReadReplica (create with replicateSourceDb set: internal/service/rds/instance.go resourceInstanceCreate"),
    ]);
  });

  it("find a restore (from a snapshot, to a point in time) the policy does not let run, and not a plain create", () => {
    const serving = ofType(example(), "aws:rds/instance:Instance").find((resource) => resource.props["replicateSourceDb"] === undefined)!;
    expect(messages([serving], without("rds:RestoreDBInstanceFromDBSnapshot"))).toEqual([]);
    const fromSnapshot = { ...serving, props: { ...serving.props, snapshotIdentifier: "example-final" } };
    expect(messages([fromSnapshot], without("rds:RestoreDBInstanceFromDBSnapshot"))).toEqual([expect.stringContaining("the provider calls rds:RestoreDBInstanceFromDBSnapshot (create with snapshotIdentifier set")]);
    const toPointInTime = { ...serving, props: { ...serving.props, restoreToPointInTime: { sourceDbInstanceIdentifier: "example-db", useLatestRestorableTime: true } } };
    expect(messages([toPointInTime], without("rds:RestoreDBInstanceToPointInTime"))).toEqual([expect.stringContaining("the provider calls rds:RestoreDBInstanceToPointInTime (create with restoreToPointInTime set")]);
    expect(messages([fromSnapshot, toPointInTime], committed.deploy)).toEqual([]);
  });

  it("find a launch template whose next change the policy would refuse (updateDefaultVersion makes it call ModifyLaunchTemplate)", () => {
    const templates = ofType(example(), "aws:ec2/launchTemplate:LaunchTemplate");
    expect(templates.map((template) => template.props["updateDefaultVersion"])).toContain(true);
    expect(messages(templates, without("ec2:ModifyLaunchTemplate"))).toEqual([expect.stringContaining("the provider calls ec2:ModifyLaunchTemplate (update with updateDefaultVersion set")]);
    const pinned = templates.map((template) => ({ ...template, props: { ...template.props, updateDefaultVersion: false } }));
    expect(messages(pinned, without("ec2:ModifyLaunchTemplate"))).toEqual([]);
  });
});

describe("the mapping's wildcards", () => {
  it("refuses a type Pike maps to a whole service, and takes a read-level wildcard", () => {
    expect(isAllowedWildcard("autoscaling:Describe*")).toBe(true);
    expect(isAllowedWildcard("ec2:CreateVpc")).toBe(true);
    for (const wildcard of ["s3:*", "*:*", "*", "iam:*", "kms:GenerateDataKey*", "ec2:*Vpc"]) expect(isAllowedWildcard(wildcard), wildcard).toBe(false);
  });
});

describe("the check of a tenant's plan against the deploy policy", () => {
  it("names the type and the action the policy does not grant", () => {
    expect(coverageGaps(lifesum, without("ec2:CreateVpc"))).toEqual([
      expect.objectContaining({ message: "aws:ec2/vpc:Vpc (aws_vpc): the deploy policy does not grant ec2:CreateVPC" }),
    ]);
  });

  it("names a type the mapping does not know, with the command that regenerates the policy", () => {
    const plan = plans.find((candidate) => candidate.tenant === "example")!;
    const vpc = plan.resources.find((resource) => resource.type === "aws:ec2/vpc:Vpc")!;
    const extra = { ...vpc, urn: vpc.urn.replace("aws:ec2/vpc:Vpc", "aws:ec2/instance:Instance"), type: "aws:ec2/instance:Instance" };
    const findings = runRules({ ...plan, resources: [...plan.resources, extra] }, [deployPolicyGrantsPlan]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("aws:ec2/instance:Instance: the IAM actions it needs are not known");
    expect(findings[0]!.message).toContain("run `npm run bootstrap -- --policies` and review the diff");
  });

  it("refuses a role the policy's IAM statement does not cover, and a service it may not be passed to", () => {
    const role = lifesum.find((resource) => resource.type === "aws:iam/role:Role")!;
    const foreign = { ...role, urn: `${role.urn}-x`, name: "shared-admin", props: { ...role.props, assumeRolePolicy: JSON.stringify({ Statement: [{ Principal: { Service: "states.amazonaws.com" } }] }) } };
    expect(coverageGaps([foreign], committed.deploy).map((gap) => [gap.scope, gap.message])).toEqual([
      ["tenant", "aws:iam/role:Role shared-admin: the deploy policy does not let it create the role shared-admin-…"],
      ["tenant", "aws:iam/role:Role shared-admin: the deploy policy does not let it pass the role shared-admin-… (iam:PassRole) to states.amazonaws.com"],
    ]);
    const tenantsOwn = { ...foreign, name: "lifesum-functions" };
    expect(coverageGaps([tenantsOwn], committed.deploy).map((gap) => [gap.scope, gap.message])).toEqual([
      ["type", "aws:iam/role:Role lifesum-functions: the deploy policy does not let it pass the role to states.amazonaws.com (iam:PassRole with iam:PassedToService)"],
    ]);
  });

  it("checks the plan's invokes too: a data source whose actions the policy lacks, or one the mapping does not know", () => {
    const plan = plans.find((candidate) => candidate.tenant === "example")!;
    const resources = planStackResources(plan);
    const parameter = plan.invokes.find((invoke) => invoke.token === "aws:ssm/getParameter:getParameter")!;
    expect(parameter).toBeDefined();
    expect(coverageGaps(resources, committed.deploy, plan.invokes)).toEqual([]);
    expect(coverageGaps(resources, without("ssm:GetParameter"), plan.invokes)).toEqual([
      { urn: parameter.provider, message: "aws:ssm/getParameter:getParameter (invoke, aws_ssm_parameter): the deploy policy does not grant ssm:GetParameter", scope: "type" },
    ]);
    const unknown = { ...parameter, token: "aws:ec2/getInstance:getInstance" };
    const findings = runRules({ ...plan, invokes: [...plan.invokes, unknown] }, [deployPolicyGrantsPlan]);
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringContaining("aws:ec2/getInstance:getInstance (invoke): the IAM actions it needs are not known")]);
  });

  it("refuses a managed policy the plans do not attach", () => {
    const attachment = lifesum.find((resource) => resource.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment")!;
    const admin = { ...attachment, props: { ...attachment.props, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" } };
    expect(coverageGaps([attachment], committed.deploy)).toEqual([]);
    expect(coverageGaps([admin], committed.deploy).map((gap) => gap.message)).toEqual([
      `aws:iam/rolePolicyAttachment:RolePolicyAttachment ${attachment.name}: the deploy policy does not let it attach arn:aws:iam::aws:policy/AdministratorAccess (iam:AttachRolePolicy with iam:PolicyARN)`,
    ]);
  });

  it("refuses a region the policy does not allow", () => {
    const bucket = lifesum.find((resource) => resource.type === "aws:s3/bucket:Bucket")!;
    expect(coverageGaps([{ ...bucket, region: "ap-south-2" }], committed.deploy).map((gap) => gap.message)).toEqual([
      expect.stringContaining(`aws:s3/bucket:Bucket ${bucket.name}: the deploy policy allows the regions eu-central-1`),
    ]);
  });
});

describe("the feature tenants", () => {
  it("turn on every AWS resource type the components and the program construct, so the policies cover each (the bootstrap's own aside: an administrator runs it)", () => {
    const constructed = new Set<string>();
    for (const file of sourceFiles(ROOT, ["components", "program"])) {
      for (const m of readFileSync(path.join(ROOT, file), "utf8").matchAll(/new aws\.([a-z0-9]+)\.([A-Z][A-Za-z0-9]+)\(/g)) constructed.add(`aws:${m[1]}/${m[2]!.charAt(0).toLowerCase()}${m[2]!.slice(1)}:${m[2]}`);
    }
    expect(constructed.size).toBeGreaterThan(50);
    expect([...constructed].filter((token) => !committed.facts.resourceTypes.includes(token)).sort()).toEqual([]);
  });
});
