/**
 * The shape of the price table the cost estimate reads: list prices per region, with the date
 * they were recorded, their currency and where they come from. A price that is missing (an
 * instance type, a region, a service) is unknown to the estimate, never zero.
 */

/** Prices in one AWS region. Every field is optional: what is absent is unknown. */
export interface RegionPrices {
  /** EC2 Linux on-demand, per instance-hour, by instance type. */
  readonly ec2Hourly?: Readonly<Record<string, number>>;
  /** EBS gp3 volumes, per GB-month. */
  readonly ebsGp3GbMonth?: number;
  /** CloudWatch detailed monitoring of one EC2 instance (7 metrics at 1 minute), per month. */
  readonly ec2DetailedMonitoringMonth?: number;
  /**
   * RDS Single-AZ on-demand, per instance-hour, by engine and instance class. The Price List has
   * a product per engine (`databaseEngine` "MySQL", "MariaDB", "PostgreSQL"), so each engine has
   * its own list: a missing engine is unknown, never another engine's price.
   */
  readonly rdsHourly?: Readonly<Partial<Record<RdsEngine, Readonly<Record<string, number>>>>>;
  /** RDS Single-AZ storage, per GB-month, by storage type (gp2, gp3, io1, io2). */
  readonly rdsStorageGbMonth?: Readonly<Record<string, number>>;
  /** RDS provisioned IOPS, per IOPS-month, by storage type (gp3 above its baseline, io1, io2). */
  readonly rdsIopsMonth?: Readonly<Record<string, number>>;
  /** RDS backup storage beyond the free allowance (100% of provisioned storage), per GB-month. */
  readonly rdsBackupGbMonth?: number;
  /**
   * ElastiCache on-demand, per node-hour, by engine and node type. Valkey and Redis OSS are
   * separate products in the Price List (`cacheEngine` "Valkey" / "Redis") with different prices:
   * a missing engine is unknown, never the other engine's price.
   */
  readonly elasticacheHourly?: Readonly<Partial<Record<CacheEngine, Readonly<Record<string, number>>>>>;
  /** NAT gateway, per gateway-hour. */
  readonly natGatewayHourly?: number;
  /** NAT gateway data processed, per GB. */
  readonly natGatewayGb?: number;
  /** A public IPv4 address (Elastic IP or a load balancer's), per hour. */
  readonly publicIpv4Hourly?: number;
  /** Application Load Balancer, per hour. */
  readonly albHourly?: number;
  /** Application Load Balancer capacity unit (LCU), per LCU-hour. */
  readonly albLcuHourly?: number;
  /** VPC interface endpoint, per endpoint per availability zone per hour. */
  readonly interfaceEndpointHourly?: number;
  /** VPC interface endpoint data processed, per GB. */
  readonly interfaceEndpointGb?: number;
  /** Data transfer out to the internet (first 10 TB tier), per GB. */
  readonly internetOutGb?: number;
  /** Data transfer to another AWS region, per GB. */
  readonly interRegionOutGb?: number;
  /** AWS Backup warm storage of RDS snapshots, per GB-month. */
  readonly backupWarmGbMonth?: number;
  /** S3 Standard storage (first 50 TB tier), per GB-month. */
  readonly s3StandardGbMonth?: number;
  /** S3 PUT, COPY, POST and LIST requests, per 1,000. */
  readonly s3PutPer1000?: number;
  /** S3 GET and other requests, per 1,000. */
  readonly s3GetPer1000?: number;
  /** CloudWatch standard-resolution alarm, per alarm-month. */
  readonly cloudwatchAlarmMonth?: number;
  /** CloudWatch dashboard, per dashboard-month. */
  readonly cloudwatchDashboardMonth?: number;
  /** CloudWatch Logs ingestion (standard class), per GB. */
  readonly logsIngestGb?: number;
  /** CloudWatch Logs storage (archived, compressed), per GB-month. */
  readonly logsStorageGbMonth?: number;
  /** KMS customer managed key, per key-month. */
  readonly kmsKeyMonth?: number;
  /** SNS publishes, per million. */
  readonly snsPublishPerMillion?: number;
  /** SNS e-mail deliveries, per 100,000. */
  readonly snsEmailPer100k?: number;
  /** SNS HTTP/S deliveries, per million. */
  readonly snsHttpsPerMillion?: number;
  /** SQS standard queue requests, per million. */
  readonly sqsPerMillion?: number;
  /** Secrets Manager, per secret-month. */
  readonly secretsManagerSecretMonth?: number;
  /** SES outbound e-mail, per 1,000 messages. */
  readonly sesPerThousandEmails?: number;
}

/** RDS engines, as the tenant file and `aws.rds.Instance.engine` name them. */
export type RdsEngine = "mysql" | "mariadb" | "postgres";

/** ElastiCache engines, as `aws.elasticache.ReplicationGroup.engine` names them. */
export type CacheEngine = "valkey" | "redis";

/** Cloudflare plans by monthly list price per zone; null where the price is negotiated (unknown). */
export interface CloudflarePrices {
  readonly free: number;
  readonly pro: number;
  readonly business: number;
  readonly enterprise: number | null;
}

/** A price table: what a cost estimate is computed from. */
export interface PriceTable {
  /** The date (YYYY-MM-DD) the prices were recorded; refresh them from the sources after it. */
  readonly asOf: string;
  /** ISO 4217 currency of every price. */
  readonly currency: string;
  /** What the prices are (list, on-demand, no free tier, no discounts) and how to refresh them. */
  readonly note: string;
  /** Where the prices come from. */
  readonly sources: readonly string[];
  /** Hours in a billing month (AWS's calculator uses 730). */
  readonly hoursPerMonth: number;
  /**
   * The dates (YYYY-MM-DD) of each region's figures, when they differ from `asOf` (a region
   * refreshed from the Price List: its read date, and `asOf` for hand-entered figures it kept).
   * @default `asOf` for every region
   */
  readonly regionAsOf?: Readonly<Record<string, readonly string[]>>;
  /** AWS prices by region code (e.g. eu-central-1). A region not listed is unknown. */
  readonly aws: Readonly<Record<string, RegionPrices>>;
  /** Cloudflare plan prices per zone and month. */
  readonly cloudflare: CloudflarePrices;
}

/** The regions a price table covers, each with the price fields it holds. */
export function regionCoverage(table: PriceTable): Record<string, string[]> {
  return Object.fromEntries(Object.entries(table.aws).map(([region, prices]) => [region, Object.keys(prices).sort()]));
}
