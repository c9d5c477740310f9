/** Preview steps: stateful resources are replaced or deleted only when the tenant file declares it. */
import { describe, expect, it } from "vitest";
import { unsafeSteps, type PreviewStep } from "../../policies/step-safety";

const DB = "aws:rds/instance:Instance";
const urn = (type: string, name: string) => `urn:pulumi:t::tenant-platform::${type}::${name}`;
const step = (op: PreviewStep["op"], type: string, name: string, old?: PreviewStep["old"]): PreviewStep => ({ op, type, urn: urn(type, name), old });

describe("unsafeSteps", () => {
  it("reports a replaced database once, whatever steps the replacement takes", () => {
    const steps = ["create-replacement", "replace", "delete-replaced"].map((op) => step(op as PreviewStep["op"], DB, "t-db", { inputs: { tags: {} } }));
    expect(unsafeSteps(steps)).toEqual([{ urn: urn(DB, "t-db"), type: DB, change: "replace", message: "would be replaced: a new, empty resource takes its place, and the tenant file does not declare it" }]);
  });

  it("reports deleted buckets, vaults, keys and zones", () => {
    const types = ["aws:s3/bucket:Bucket", "aws:backup/vault:Vault", "aws:kms/key:Key", "cloudflare:index/zone:Zone"];
    expect(unsafeSteps(types.map((type) => step("delete", type, "x"))).map((v) => `${v.change} ${v.type}`)).toEqual(types.map((type) => `delete ${type}`));
  });

  it("accepts a replacement the tenant file declared (the tag in the old state) or the caller lists", () => {
    const declared = step("replace", DB, "t-db", { inputs: { tags: { "tenant-platform:replacement": "moving to PostgreSQL" } } });
    expect(unsafeSteps([declared])).toEqual([]);
    expect(unsafeSteps([step("delete", DB, "t-db")], { declaredUrns: [urn(DB, "t-db")] })).toEqual([]);
  });

  it("accepts routine steps, stateless resources, read replicas and deletions the cloud keeps", () => {
    expect(unsafeSteps([
      step("update", DB, "t-db"), step("same", DB, "t-db"), step("create", DB, "new-db"),
      step("replace", "aws:ec2/launchTemplate:LaunchTemplate", "web"), step("delete", "aws:lb/listener:Listener", "http"),
      step("replace", DB, "t-db-replica-1", { inputs: { replicateSourceDb: "t-db" } }),
      step("delete", "aws:s3/bucket:Bucket", "logs", { retainOnDelete: true }),
    ])).toEqual([]);
  });

  it("still reports replacing a retained bucket: the application would switch to an empty one", () => {
    expect(unsafeSteps([step("replace", "aws:s3/bucket:Bucket", "data", { retainOnDelete: true })]).map((v) => v.change)).toEqual(["replace"]);
  });
});
