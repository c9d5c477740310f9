/**
 * Usage the estimate cannot read from a plan (traffic, stored data, requests), stated as monthly
 * assumptions with defaults. A tenant file may override any of them under `cost.assumptions`.
 */

/** Monthly usage assumptions of one tenant. */
export interface UsageAssumptions {
  /** GB the load balancer sends to visitors (through Cloudflare) per month. @default 100 */
  readonly internetEgressGb: number;
  /** GB processed by the tenant's NAT gateways per month, shared evenly between them. @default 50 */
  readonly natProcessedGb: number;
  /** Average load balancer capacity units (LCU) in use. @default 1 */
  readonly loadBalancerLcu: number;
  /** GB processed by each VPC interface endpoint per month. @default 5 */
  readonly interfaceEndpointGb: number;
  /** GB stored in each S3 bucket (Standard). @default 10 */
  readonly s3StoredGbPerBucket: number;
  /** Thousands of PUT/COPY/POST/LIST requests to each bucket per month. @default 10 */
  readonly s3PutThousandsPerBucket: number;
  /** Thousands of GET requests to each bucket per month. @default 50 */
  readonly s3GetThousandsPerBucket: number;
  /** GB each bucket replication copies to the backup region per month. @default 10 */
  readonly s3ReplicatedGb: number;
  /** GB ingested into each CloudWatch log group per month. @default 1 */
  readonly logIngestGbPerGroup: number;
  /**
   * Percent of a database's storage that changes per day: each daily snapshot after the first
   * stores that much. @default 5
   */
  readonly databaseChangePercentPerDay: number;
  /** Millions of requests to each SQS queue per month. @default 1 */
  readonly queueRequestsMillions: number;
  /** Notifications published to each SNS topic per month (each delivered to every subscription). @default 1000 */
  readonly alertNotifications: number;
  /** Thousands of e-mails each SES identity (the mail section) sends per month. @default 10 */
  readonly mailThousandsPerMonth: number;
}

/** The assumptions used when a tenant file says nothing. */
export const DEFAULT_ASSUMPTIONS: UsageAssumptions = {
  internetEgressGb: 100,
  natProcessedGb: 50,
  loadBalancerLcu: 1,
  interfaceEndpointGb: 5,
  s3StoredGbPerBucket: 10,
  s3PutThousandsPerBucket: 10,
  s3GetThousandsPerBucket: 50,
  s3ReplicatedGb: 10,
  logIngestGbPerGroup: 1,
  databaseChangePercentPerDay: 5,
  queueRequestsMillions: 1,
  alertNotifications: 1000,
  mailThousandsPerMonth: 10,
};

/** What each assumption means, for the JSON Schema and the printed estimate. */
export const ASSUMPTION_DESCRIPTIONS: Readonly<Record<keyof UsageAssumptions, string>> = {
  internetEgressGb: "GB the load balancer sends to visitors (through Cloudflare) per month",
  natProcessedGb: "GB processed by the NAT gateways per month, shared between them",
  loadBalancerLcu: "average load balancer capacity units (LCU) in use",
  interfaceEndpointGb: "GB processed by each VPC interface endpoint per month",
  s3StoredGbPerBucket: "GB stored in each S3 bucket",
  s3PutThousandsPerBucket: "thousands of PUT/LIST requests to each bucket per month",
  s3GetThousandsPerBucket: "thousands of GET requests to each bucket per month",
  s3ReplicatedGb: "GB each bucket replication copies to the backup region per month",
  logIngestGbPerGroup: "GB ingested into each log group per month",
  databaseChangePercentPerDay: "percent of a database's storage that changes per day (incremental snapshots)",
  queueRequestsMillions: "millions of requests to each SQS queue per month",
  alertNotifications: "notifications published to each SNS topic per month",
  mailThousandsPerMonth: "thousands of e-mails sent through SES per month",
};

/** The assumptions of a tenant: the defaults with the tenant file's overrides applied. */
export function resolveAssumptions(overrides: Partial<UsageAssumptions> | undefined): UsageAssumptions {
  return { ...DEFAULT_ASSUMPTIONS, ...stripUndefined(overrides ?? {}) };
}

/** The names of the assumptions a tenant file overrides, sorted. */
export function overriddenAssumptions(overrides: Partial<UsageAssumptions> | undefined): string[] {
  return Object.keys(stripUndefined(overrides ?? {})).sort();
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
