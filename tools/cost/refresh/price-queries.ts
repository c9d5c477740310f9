/**
 * Which Price List products each price of the table is read from: one GetProducts query per
 * price (service code and TERM_MATCH filters, always with the region: `regionCode`, or
 * `fromRegionCode` for data transfer), then the
 * products whose usage type ends as given, without variants the platform does not run, then the
 * first paid tier of the on-demand price (skipping a free tier), times `scale`.
 *
 * Service codes, attributes and values: research for the platform's price keys (Price List
 * products seen in AWS's published responses and in public projects' recorded ones); values not
 * confirmed that way are marked "unconfirmed" and must be checked with GetAttributeValues on the
 * first run with credentials. A filter value that is wrong returns no product: the price is then
 * reported as missing and left unknown, never guessed.
 */
import type { CacheEngine, RdsEngine } from "../price-table";

/** One price of the table and how to read it. */
export interface PriceQuery {
  /** Where the price goes in `RegionPrices`: a field, or a field and a key (type, engine…). */
  readonly path: readonly string[];
  readonly serviceCode: string;
  /** TERM_MATCH filters besides the region's. */
  readonly filters: Readonly<Record<string, string>>;
  /**
   * The attribute that holds the region code: data-transfer products (AWSDataTransfer) have no
   * `regionCode` but `fromRegionCode` / `toRegionCode`, and a filter on an attribute a product
   * lacks matches nothing. @default "regionCode"
   */
  readonly regionField?: string;
  /** The product's `usagetype` ends with this (the region prefix differs: USE2-, EUW3-…, none in us-east-1). */
  readonly usagetypeEnds: string;
  /** Usage types containing any of these are variants the platform does not run. @default none */
  readonly exclude?: readonly string[];
  /** Factor from the listed unit to the table's (per 1,000 requests: 1000). @default 1 */
  readonly scale?: number;
}

/** Types priced per region: every type a shipped table lists (what the platform's tenants use). */
export interface PricedTypes {
  readonly ec2: readonly string[];
  readonly rds: readonly string[];
  readonly cache: readonly string[];
}

/** The Price List's `databaseEngine` of each RDS engine. */
const RDS_ENGINE: Readonly<Record<RdsEngine, string>> = { mysql: "MySQL", mariadb: "MariaDB", postgres: "PostgreSQL" };

/** The Price List's `cacheEngine` of each ElastiCache engine. */
const CACHE_ENGINE: Readonly<Record<CacheEngine, string>> = { valkey: "Valkey", redis: "Redis" };

/**
 * RDS storage types, their `volumeType` (`volumeName` returns no product) and the end of their
 * Single-AZ usage type: `RDS:GP2-Storage`, `RDS:GP3-Storage`, `RDS:PIOPS-Storage` and
 * `RDS:PIOPS-Storage-IO2` (io2 does not end in "Storage"). Unconfirmed for io1/io2: check with
 * GetAttributeValues(AmazonRDS, usagetype) on the first run with credentials.
 */
const RDS_VOLUME: Readonly<Record<string, { readonly volumeType: string; readonly usagetype: string }>> = {
  gp2: { volumeType: "General Purpose", usagetype: "RDS:GP2-Storage" },
  gp3: { volumeType: "General Purpose-GP3", usagetype: "RDS:GP3-Storage" },
  io1: { volumeType: "Provisioned IOPS", usagetype: "RDS:PIOPS-Storage" },
  io2: { volumeType: "Provisioned IOPS-IO2", usagetype: "RDS:PIOPS-Storage-IO2" },
};

/** RDS provisioned IOPS usage types per storage type (gp3 above its baseline). */
const RDS_IOPS: Readonly<Record<string, string>> = { gp3: "RDS:GP3-PIOPS", io1: "RDS:PIOPS", io2: "RDS:PIOPS-IO2" };

/** Every query for a region's table. */
export function priceQueries(types: PricedTypes): PriceQuery[] {
  const ec2 = types.ec2.map((type): PriceQuery => ({
    path: ["ec2Hourly", type], serviceCode: "AmazonEC2",
    filters: { productFamily: "Compute Instance", instanceType: type, operatingSystem: "Linux", tenancy: "Shared", preInstalledSw: "NA", capacitystatus: "Used", licenseModel: "No License required" },
    usagetypeEnds: `BoxUsage:${type}`,
  }));
  const rds = (Object.keys(RDS_ENGINE) as RdsEngine[]).flatMap((engine) => types.rds.map((type): PriceQuery => ({
    path: ["rdsHourly", engine, type], serviceCode: "AmazonRDS",
    filters: { productFamily: "Database Instance", instanceType: type, databaseEngine: RDS_ENGINE[engine], deploymentOption: "Single-AZ", licenseModel: "No license required" },
    usagetypeEnds: `InstanceUsage:${type}`, exclude: ["IOOptimized", "ExtendedSupport"],
  })));
  const cache = (Object.keys(CACHE_ENGINE) as CacheEngine[]).flatMap((engine) => types.cache.map((type): PriceQuery => ({
    path: ["elasticacheHourly", engine, type], serviceCode: "AmazonElastiCache",
    filters: { productFamily: "Cache Instance", instanceType: type, cacheEngine: CACHE_ENGINE[engine] },
    usagetypeEnds: `NodeUsage:${type}`, exclude: ["ExtendedSupport", "SyncDurability", "Outpost"],
  })));
  // Storage is fetched for MySQL: the table keeps one storage price for every engine.
  const storage = Object.entries(RDS_VOLUME).map(([type, { volumeType, usagetype }]): PriceQuery => ({
    path: ["rdsStorageGbMonth", type], serviceCode: "AmazonRDS",
    filters: { productFamily: "Database Storage", volumeType, databaseEngine: "MySQL", deploymentOption: "Single-AZ" },
    usagetypeEnds: usagetype, exclude: ["Multi-AZ", "Mirror"],
  }));
  const iops = Object.entries(RDS_IOPS).map(([type, usagetype]): PriceQuery => ({
    path: ["rdsIopsMonth", type], serviceCode: "AmazonRDS",
    filters: { productFamily: "Provisioned IOPS", deploymentOption: "Single-AZ" }, // unconfirmed family
    usagetypeEnds: usagetype, exclude: ["Multi-AZ"],
  }));
  return [...ec2, ...rds, ...cache, ...storage, ...iops, ...SCALAR_QUERIES];
}

/** Prices that are one number per region. */
const SCALAR_QUERIES: readonly PriceQuery[] = [
  { path: ["ebsGp3GbMonth"], serviceCode: "AmazonEC2", filters: { productFamily: "Storage", volumeApiName: "gp3" }, usagetypeEnds: "EBS:VolumeUsage.gp3" },
  // 7 metrics of detailed monitoring per instance at the first tier's per-metric price.
  { path: ["ec2DetailedMonitoringMonth"], serviceCode: "AmazonCloudWatch", filters: {}, usagetypeEnds: "CW:MetricMonitorUsage", scale: 7 },
  { path: ["rdsBackupGbMonth"], serviceCode: "AmazonRDS", filters: { productFamily: "Storage Snapshot" }, usagetypeEnds: "RDS:ChargedBackupUsage" }, // unconfirmed family
  // Zonal NAT gateways (the platform's), not the regional variant.
  { path: ["natGatewayHourly"], serviceCode: "AmazonEC2", filters: { productFamily: "NAT Gateway" }, usagetypeEnds: "NatGateway-Hours", exclude: ["Regional"] },
  { path: ["natGatewayGb"], serviceCode: "AmazonEC2", filters: { productFamily: "NAT Gateway" }, usagetypeEnds: "NatGateway-Bytes", exclude: ["Regional"] },
  { path: ["publicIpv4Hourly"], serviceCode: "AmazonVPC", filters: {}, usagetypeEnds: "PublicIPv4:InUseAddress" },
  { path: ["albHourly"], serviceCode: "AWSELB", filters: { productFamily: "Load Balancer-Application" }, usagetypeEnds: "LoadBalancerUsage", exclude: ["TS-"] },
  { path: ["albLcuHourly"], serviceCode: "AWSELB", filters: { productFamily: "Load Balancer-Application" }, usagetypeEnds: "LCUUsage", exclude: ["TS-"] },
  { path: ["interfaceEndpointHourly"], serviceCode: "AmazonVPC", filters: { productFamily: "VpcEndpoint" }, usagetypeEnds: "VpcEndpoint-Hours" },
  { path: ["interfaceEndpointGb"], serviceCode: "AmazonVPC", filters: { productFamily: "VpcEndpoint" }, usagetypeEnds: "VpcEndpoint-Bytes" },
  // Data transfer is keyed by fromRegionCode/toRegionCode, not regionCode (research note §5; public
  // GetProducts callers filter AWSDataTransfer on fromRegionCode, transferType "AWS Outbound" and
  // toLocation "External"). Unconfirmed values: check with GetAttributeValues on the first run.
  { path: ["internetOutGb"], serviceCode: "AWSDataTransfer", regionField: "fromRegionCode", filters: { transferType: "AWS Outbound", toLocation: "External" }, usagetypeEnds: "DataTransfer-Out-Bytes" },
  { path: ["s3StandardGbMonth"], serviceCode: "AmazonS3", filters: { productFamily: "Storage", storageClass: "General Purpose", volumeType: "Standard" }, usagetypeEnds: "TimedStorage-ByteHrs" },
  { path: ["s3PutPer1000"], serviceCode: "AmazonS3", filters: { productFamily: "API Request", group: "S3-API-Tier1" }, usagetypeEnds: "Requests-Tier1", scale: 1000 },
  { path: ["s3GetPer1000"], serviceCode: "AmazonS3", filters: { productFamily: "API Request", group: "S3-API-Tier2" }, usagetypeEnds: "Requests-Tier2", scale: 1000 },
  { path: ["cloudwatchAlarmMonth"], serviceCode: "AmazonCloudWatch", filters: {}, usagetypeEnds: "CW:AlarmMonitorUsage" },
  { path: ["logsIngestGb"], serviceCode: "AmazonCloudWatch", filters: {}, usagetypeEnds: "DataProcessing-Bytes" },
  { path: ["logsStorageGbMonth"], serviceCode: "AmazonCloudWatch", filters: {}, usagetypeEnds: "TimedStorage-ByteHrs" },
  { path: ["kmsKeyMonth"], serviceCode: "awskms", filters: {}, usagetypeEnds: "KMS-Keys" },
  { path: ["snsPublishPerMillion"], serviceCode: "AmazonSNS", filters: {}, usagetypeEnds: "Requests-Tier1", scale: 1e6 },
  { path: ["snsEmailPer100k"], serviceCode: "AmazonSNS", filters: {}, usagetypeEnds: "DeliveryAttempts-SMTP", scale: 1e5 },
  { path: ["snsHttpsPerMillion"], serviceCode: "AmazonSNS", filters: {}, usagetypeEnds: "DeliveryAttempts-HTTP", scale: 1e6 },
  { path: ["sqsPerMillion"], serviceCode: "AWSQueueService", filters: { productFamily: "API Request" }, usagetypeEnds: "Requests-RBP", scale: 1e6 },
  { path: ["secretsManagerSecretMonth"], serviceCode: "AWSSecretsManager", filters: {}, usagetypeEnds: "AWSSecretsManager-Secrets" },
  { path: ["sesPerThousandEmails"], serviceCode: "AmazonSES", filters: { operation: "Send" }, usagetypeEnds: "Recipients", exclude: ["-EC2"], scale: 1000 },
];
