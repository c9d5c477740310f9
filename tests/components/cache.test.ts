/**
 * The Cache component on its own: what its doc comments promise (components/cache/cache.ts):
 * a replication group in the given subnets, encrypted at rest with the given key and in transit,
 * an AUTH token kept in Secrets Manager, reachable from the given clients only, its documented
 * defaults; a replica with failover, and a declared replacement deleted first.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../policies/plan-types";
import { CACHE_DEFAULTS, Cache, type CacheArgs } from "../../components/cache";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, conventionViolations, idOf } from "./conventions";
import { CLIENT_GROUP_ID, ISOLATED_SUBNET_IDS, KEY_ARN, VPC_ID } from "./sample-ids";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

const ARGS: CacheArgs = {
  ...CACHE_DEFAULTS,
  version: "8.0",
  nodeType: "cache.t4g.small",
  replicationGroupId: "shop-cache",
  vpcId: VPC_ID,
  subnetIds: ISOLATED_SUBNET_IDS,
  clientSecurityGroupIds: [CLIENT_GROUP_ID],
  kmsKeyArn: KEY_ARN,
};

const planCache = (args: CacheArgs) => planComponent(({ opts }) => new Cache("shop", args, opts));

let plan: ComponentPlan;
let replaced: ComponentPlan;
beforeAll(async () => {
  plan = await planCache(ARGS);
  replaced = await planCache({ ...ARGS, replica: true, replacementReason: "back to redis" });
});

describe("Cache, alone", () => {
  it("keeps the component conventions: children below it on the given providers, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, {
      type: "tenant-platform:cache:Cache",
      name: "shop",
      outputs: ["primaryEndpoint", "readerEndpoint", "port", "authTokenSecretArn", "securityGroupId"],
    })).toEqual([]);
    expect(plan.componentOutputs).toMatchObject({ port: 6379, securityGroupId: idOf(plan, child(plan, "aws:ec2/securityGroup:SecurityGroup", "shop-cache")) });
  });

  it("encrypts at rest with the given key and in transit, with a generated AUTH token kept in a secret of that key", () => {
    expect(child(plan, GROUP, "shop-cache").inputs).toMatchObject({
      replicationGroupId: "shop-cache",
      atRestEncryptionEnabled: true,
      kmsKeyId: KEY_ARN,
      transitEncryptionEnabled: true,
      authToken: SECRET_MASK,
    });
    expect(child(plan, "aws:secretsmanager/secret:Secret", "shop-cache-auth").inputs["kmsKeyId"]).toBe(KEY_ARN);
    expect(child(plan, "random:index/randomPassword:RandomPassword", "shop-cache-auth").provider).toBe(plan.providers.random);
  });

  it("sits in the given subnets and admits only the given client groups on 6379", () => {
    expect(child(plan, "aws:elasticache/subnetGroup:SubnetGroup", "shop-cache").inputs["subnetIds"]).toEqual(ARGS.subnetIds);
    expect(child(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "shop-cache-from-client-1").inputs).toMatchObject({
      referencedSecurityGroupId: CLIENT_GROUP_ID, fromPort: 6379, toPort: 6379,
    });
  });

  it("applies its documented defaults: Valkey, one node, a day of snapshots, the Sunday window; replaced by creating first", () => {
    const group = child(plan, GROUP, "shop-cache");
    expect(group.inputs).toMatchObject({
      engine: "valkey",
      numCacheClusters: 1,
      automaticFailoverEnabled: false,
      multiAzEnabled: false,
      snapshotRetentionLimit: 1,
      maintenanceWindow: "sun:04:30-sun:05:30",
    });
    expect(group.options.deleteBeforeReplace).toBe(false);
  });

  it("with a replica fails over across zones; with a declared replacement deletes the old group first (its id is fixed)", () => {
    const group = child(replaced, GROUP, "shop-cache");
    expect(group.inputs).toMatchObject({ numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true });
    expect(group.options.deleteBeforeReplace).toBe(true);
    expect(replaced.descendants.map((r) => r.urn)).toEqual(plan.descendants.map((r) => r.urn));
  });
});
