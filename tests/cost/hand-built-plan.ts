/** A small hand-built plan and price table, so that estimates can be checked by hand. */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import type { PriceTable, RegionPrices } from "../../tools/cost/price-table";

export const REGION = "xx-test-1";
const STACK = "urn:pulumi:t::p::pulumi:pulumi:Stack::p-t";
const PROVIDER = "urn:pulumi:t::p::pulumi:providers:aws::t-aws";

/** A resource with defaults for what the estimate does not read. */
export function resource(type: string, name: string, inputs: Record<string, unknown>, parent: string, custom = true): PlannedResource {
  return {
    urn: `urn:pulumi:t::p::${type}::${name}`,
    type, name, parent, custom,
    provider: custom ? PROVIDER : null,
    inputs,
    options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], dependsOn: [] },
  };
}

/** Components of the hand-built plan. */
export const WEB = resource("tenant-platform:web:WebTier", "web", {}, STACK, false);
export const DATABASE = resource("tenant-platform:database:Database", "db", {}, STACK, false);
export const NETWORK = resource("tenant-platform:network:Network", "net", {}, STACK, false);

export interface HandBuiltOptions {
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly multiAz?: boolean;
}

/**
 * Web tier (launch template t4g.small with a 20 GB gp3 volume and detailed monitoring, group
 * 2–6), a Multi-AZ MySQL db.t4g.medium primary (20 GB gp3, 7 days of backups) with one replica,
 * one NAT gateway with its address, a VPC (free) and a file system (no pricing rule).
 */
export function handBuiltPlan(options: HandBuiltOptions = {}): TenantPlan {
  const template = resource("aws:ec2/launchTemplate:LaunchTemplate", "web", {
    instanceType: "t4g.small",
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3" } }],
    monitoring: { enabled: true },
  }, WEB.urn);
  const resources = [
    { ...resource("pulumi:pulumi:Stack", "p-t", {}, "", false), urn: STACK, parent: null },
    { ...resource("pulumi:providers:aws", "t-aws", { region: REGION }, STACK), urn: PROVIDER, provider: null },
    WEB, DATABASE, NETWORK,
    template,
    resource("aws:autoscaling/group:Group", "web", {
      minSize: options.minSize ?? 2, maxSize: options.maxSize ?? 6, launchTemplate: { id: "lt-1", version: "1" },
    }, WEB.urn),
    resource("aws:rds/instance:Instance", "db", {
      identifier: "db-main", engine: "mysql", instanceClass: "db.t4g.medium", multiAz: options.multiAz ?? true,
      allocatedStorage: 20, storageType: "gp3", backupRetentionPeriod: 7,
    }, DATABASE.urn),
    resource("aws:rds/instance:Instance", "db-replica-1", { replicateSourceDb: "db-main", instanceClass: "db.t4g.medium" }, DATABASE.urn),
    resource("aws:ec2/natGateway:NatGateway", "nat-a", {}, NETWORK.urn),
    resource("aws:ec2/eip:Eip", "nat-a", { domain: "vpc" }, NETWORK.urn),
    resource("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }, NETWORK.urn),
    resource("aws:efs/fileSystem:FileSystem", "files", {}, NETWORK.urn),
  ];
  return { tenant: "t", stack: "t", resources, outputs: {}, invokes: [], ids: { [template.urn]: "lt-1" }, propertyDependencies: {} };
}

/** Round prices, so that the arithmetic in the tests is easy to follow. */
export const TEST_PRICES: RegionPrices = {
  ec2Hourly: { "t4g.small": 0.02 },
  ebsGp3GbMonth: 0.1,
  ec2DetailedMonitoringMonth: 2,
  rdsHourly: { mysql: { "db.t4g.medium": 0.1 } },
  rdsStorageGbMonth: { gp3: 0.2 },
  rdsBackupGbMonth: 0.1,
  natGatewayHourly: 0.05,
  natGatewayGb: 0.04,
  publicIpv4Hourly: 0.005,
};

/** A price table covering only {@link REGION}, with `prices`. */
export function testTable(prices: RegionPrices = TEST_PRICES): PriceTable {
  return {
    asOf: "2026-01-01", currency: "USD", note: "test prices", sources: [], hoursPerMonth: 730,
    aws: { [REGION]: prices }, cloudflare: { free: 0, pro: 25, business: 250, enterprise: null },
  };
}
