/**
 * The TenantKey component on its own: what its doc comments promise
 * (components/tenant-key/tenant-key.ts): a customer-managed key with yearly rotation, protected
 * and kept in the account when removed, in the region it is given, whose key policy lets that
 * region's CloudWatch Logs and EC2 of this account use it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TenantKey, type TenantKeyArgs } from "../../components/tenant-key";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, conventionViolations } from "./conventions";

const KEY = "aws:kms/key:Key";
const ARGS: TenantKeyArgs = { alias: "tenant/shop", region: "eu-central-1" };

const planKey = (args: TenantKeyArgs) => planComponent(({ opts }) => new TenantKey("shop", args, opts));

/** The key policy's statement with a Sid. */
const statement = (plan: ComponentPlan, sid: string) => {
  const policy = JSON.parse(child(plan, KEY, "shop-key").inputs["policy"] as string) as { Statement: { Sid: string; Principal: unknown; Condition?: unknown }[] };
  return policy.Statement.find((s) => s.Sid === sid);
};

let plan: ComponentPlan;
let offsite: ComponentPlan;
beforeAll(async () => {
  plan = await planKey(ARGS);
  offsite = await planKey({ ...ARGS, region: "eu-west-1", deletionWindowInDays: 7 });
});

describe("TenantKey, alone", () => {
  it("keeps the component conventions: children below it on the given provider, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, { type: "tenant-platform:kms:TenantKey", name: "shop", outputs: ["keyArn", "aliasName"] })).toEqual([]);
    expect(plan.componentOutputs).toEqual({ keyArn: expect.stringMatching(/^arn:aws:kms:eu-central-1:123456789012:key\//), aliasName: "alias/tenant/shop" });
  });

  it("is protected and retained on delete, rotates yearly and waits 30 days before deletion by default", () => {
    const key = child(plan, KEY, "shop-key");
    expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(key.inputs).toMatchObject({ region: "eu-central-1", enableKeyRotation: true, deletionWindowInDays: 30 });
    expect(child(plan, "aws:kms/alias:Alias", "shop-alias").inputs).toMatchObject({ region: "eu-central-1", name: "alias/tenant/shop" });
  });

  it("lets CloudWatch Logs of its region and EC2 of this account use it", () => {
    expect(statement(plan, "CloudWatchLogsOfThisAccount")).toMatchObject({
      Principal: { Service: "logs.eu-central-1.amazonaws.com" },
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-central-1:123456789012:log-group:*" } },
    });
    expect(statement(plan, "EbsVolumesThroughEc2OfThisAccount")?.Condition).toEqual({
      StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "ec2.eu-central-1.amazonaws.com" },
    });
  });

  it("lives in the region it is given, whatever the provider's (an off-site key), with that region in its policy", () => {
    expect(child(offsite, KEY, "shop-key").inputs).toMatchObject({ region: "eu-west-1", deletionWindowInDays: 7 });
    expect(child(offsite, KEY, "shop-key").options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(statement(offsite, "CloudWatchLogsOfThisAccount")?.Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
  });
});
