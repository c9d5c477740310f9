/**
 * Args of a component planned alone, in the form their doc comments show (the defaults constant
 * spread level by level), for tests to spread and change what they are about.
 */
import { DATABASE_DEFAULTS, type DatabaseArgs } from "../../components/database";
import { WEB_TIER_DEFAULTS, type WebTierArgs } from "../../components/web-tier";
import { CLIENT_GROUP_ID, ISOLATED_SUBNET_IDS, KEY_ARN, PRIVATE_SUBNET_IDS, PUBLIC_SUBNET_IDS, VPC_ID } from "./sample-ids";

/** A web tier of 2 to 4 t4g.small instances without workers, certificate or key. */
export const SAMPLE_WEB_TIER_ARGS: WebTierArgs = {
  ...WEB_TIER_DEFAULTS,
  scaling: { ...WEB_TIER_DEFAULTS.scaling, min: 2, max: 4 },
  loadBalancer: { ...WEB_TIER_DEFAULTS.loadBalancer },
  healthCheck: { ...WEB_TIER_DEFAULTS.healthCheck },
  workers: undefined,
  vpcId: VPC_ID,
  vpcCidrBlock: "10.20.0.0/16",
  publicSubnetIds: PUBLIC_SUBNET_IDS,
  privateSubnetIds: PRIVATE_SUBNET_IDS,
  region: "eu-central-1",
  instanceType: "t4g.small",
  app: { image: "ghcr.io/acme/site:1.4", port: 8080 },
  logGroupPrefix: "/tenant/shop",
};

/** A PostgreSQL 16 database in zones a and b, without replicas. */
export const SAMPLE_DATABASE_ARGS: DatabaseArgs = {
  ...DATABASE_DEFAULTS,
  engine: "postgres",
  version: "16",
  instanceClass: "db.t4g.medium",
  identifier: "shop-db",
  databaseName: "app",
  masterUsername: "app_admin",
  allocatedStorageGiB: 20,
  maxAllocatedStorageGiB: 100,
  availabilityZones: ["eu-central-1a", "eu-central-1b"],
  subnetIds: ISOLATED_SUBNET_IDS,
  vpcId: VPC_ID,
  clientSecurityGroupIds: [CLIENT_GROUP_ID],
  kmsKeyArn: KEY_ARN,
};
