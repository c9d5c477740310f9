/**
 * The generated policies grant S3's bucket- and object-level actions only on the tenants' buckets
 * (`arn:aws:s3:::<tenant>-*`, and the objects under the keys the components write, `…/trust-store/*`), keep actions without such a resource on `*`, and the check of
 * a tenant's plan reports a bucket whose name the policy does not cover.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { planStackResources } from "../../policies/plan-view";
import { planFleets } from "../../tools/bootstrap/fleet-plans";
import { readCommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import { BUCKET_TYPES, factsFromPlans } from "../../policies/deploy-permissions/fleet-facts";
import { coverageGaps } from "../../policies/deploy-permissions/policy-coverage";
import { generatePolicies, type PolicyStatement } from "../../policies/deploy-permissions/policy-documents";
import { knowsS3Action, s3ResourceKind } from "../../policies/deploy-permissions/s3-scoping";
import type { TenantPlan } from "../../policies/plan-types";

const committed = readCommittedPolicies();
const s3Statements = (documents: readonly { Statement: readonly PolicyStatement[] }[]) =>
  documents.flatMap((document) => document.Statement).filter((statement) => statement.Action.some((action) => action.startsWith("s3:")));
const matches = (pattern: string, arn: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(arn);

let plans: TenantPlan[];
beforeAll(async () => {
  plans = await planFleets(["samples"]);
});

describe("the S3 resource types", () => {
  it("follow the Service Authorization Reference", () => {
    expect([s3ResourceKind("s3:CreateBucket"), s3ResourceKind("s3:PutBucketPolicy"), s3ResourceKind("s3:ListBucket")]).toEqual(["bucket", "bucket", "bucket"]);
    expect([s3ResourceKind("s3:GetObject"), s3ResourceKind("s3:PutObjectRetention"), s3ResourceKind("s3:DeleteObject")]).toEqual(["object", "object", "object"]);
    expect([s3ResourceKind("s3:ListAllMyBuckets"), s3ResourceKind("s3:NotAnAction")]).toEqual(["other", "other"]);
  });

  it("know every S3 action the committed policies grant", () => {
    const actions = s3Statements([...committed.deploy, ...committed.read, ...committed.preview]).flatMap((statement) => statement.Action);
    expect(actions.length).toBeGreaterThan(30);
    expect(actions.filter((action) => !knowsS3Action(action))).toEqual([]);
  });
});

describe("the committed policies", () => {
  it("grant bucket actions on the tenants' buckets, object actions on their objects, nothing of S3 on *", () => {
    for (const statement of s3Statements([...committed.deploy, ...committed.read, ...committed.preview])) {
      const kinds = new Set(statement.Action.map(s3ResourceKind));
      expect(kinds.size, statement.Sid).toBe(1);
      const [kind] = [...kinds];
      const expected = committed.facts.bucketNamePrefixes.flatMap((prefix) => (kind === "bucket" ? [`arn:aws:s3:::${prefix}*`] : kind === "object" ? committed.facts.objectKeyPrefixes.map((key) => `arn:aws:s3:::${prefix}*/${key}*`) : ["*"]));
      expect(statement.Resource, statement.Sid).toEqual(kind === "other" ? ["*"] : expected);
      expect(statement.Resource, statement.Sid).not.toContain("*");
    }
    expect(committed.facts.bucketNamePrefixes).toEqual(expect.arrayContaining(["example-", "lifesum-", "lionsbase-"]));
  });

  it("grant object actions only on the keys the components write, not on the data the tenants keep in their buckets", () => {
    expect(committed.facts.objectKeyPrefixes).toEqual(["trust-store/"]);
    const deletes = s3Statements(committed.deploy).filter((statement) => statement.Action.includes("s3:DeleteObject"));
    expect(deletes).toHaveLength(1);
    const allows = (arn: string) => deletes[0]!.Resource.some((pattern) => matches(pattern, arn));
    expect(allows("arn:aws:s3:::example-web-logs-0a1b2c3/trust-store/client-ca-0123456789abcdef.pem")).toBe(true);
    expect(allows("arn:aws:s3:::example-media-0a1b2c3/uploads/photo.jpg")).toBe(false);
    expect(allows("arn:aws:s3:::lionsbase-backup-0a1b2c3/db/dump.sql")).toBe(false);
  });

  it("let a tenant without a bucket or role today create its first one (its prefix is granted all the same)", () => {
    const withoutBuckets = plans.map((plan) => (plan.tenant === "lifesum" ? { ...plan, resources: plan.resources.filter((resource) => !BUCKET_TYPES.includes(resource.type) && !["aws:iam/role:Role", "aws:iam/instanceProfile:InstanceProfile"].includes(resource.type)) } : plan));
    expect(factsFromPlans(withoutBuckets).bucketNamePrefixes).toContain("lifesum-");
    expect(factsFromPlans(withoutBuckets).iamNamePrefixes).toContain("lifesum-");
  });

  it("leave a state bucket not named after a tenant out of reach", () => {
    for (const statement of s3Statements(committed.deploy)) {
      for (const arn of ["arn:aws:s3:::acme-pulumi-state", "arn:aws:s3:::acme-pulumi-state/.pulumi/stacks/x.json"]) {
        expect(statement.Resource.some((pattern) => matches(pattern, arn)), `${statement.Sid} ${arn}`).toBe(false);
      }
    }
  });

  it("name every bucket of every sample plan after its tenant", () => {
    for (const plan of plans) {
      const buckets = plan.resources.filter((resource) => BUCKET_TYPES.includes(resource.type));
      for (const bucket of buckets) expect(typeof bucket.inputs["bucket"] === "string" ? bucket.inputs["bucket"] : bucket.name, plan.tenant).toMatch(new RegExp(`^${plan.tenant}-`));
    }
  });
});

describe("the check of a tenant's plan", () => {
  const bucketOf = (tenant: string) => planStackResources(plans.find((plan) => plan.tenant === tenant)!).find((resource) => BUCKET_TYPES.includes(resource.type))!;

  it("passes the tenants' buckets", () => {
    expect(coverageGaps([bucketOf("example")], committed.deploy)).toEqual([]);
  });

  it("reports a bucket named outside the tenants' patterns", () => {
    const foreign = { ...bucketOf("example"), props: { ...bucketOf("example").props, bucket: "acme-pulumi-state" } };
    expect(coverageGaps([foreign], committed.deploy).map((gap) => [gap.scope, gap.message])).toEqual([
      ["tenant", `aws:s3/bucket:Bucket ${foreign.name}: the deploy policy does not let it create the bucket acme-pulumi-state… (s3:CreateBucket)`],
    ]);
  });

  it("grants no bucket or object action when the fleet creates no bucket (IAM refuses an empty Resource)", () => {
    const facts = { ...factsFromPlans(plans), bucketNamePrefixes: [] };
    const statements = s3Statements(generatePolicies(facts).deploy);
    expect(statements.map((statement) => statement.Sid)).toEqual([]);
  });
});
