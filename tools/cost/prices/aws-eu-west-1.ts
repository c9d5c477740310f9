/** List prices in Europe (Ireland). */
import type { RegionPrices } from "../price-table";

export const EU_WEST_1: RegionPrices = {
  ec2Hourly: {
    "t4g.micro": 0.0092, "t4g.small": 0.0184, "t4g.medium": 0.0368, "t4g.large": 0.0736, "t4g.xlarge": 0.1472,
    "t3.micro": 0.0114, "t3.small": 0.0228, "t3.medium": 0.0456, "t3.large": 0.0912,
    "m7g.medium": 0.0449, "m7g.large": 0.0898, "m7g.xlarge": 0.1796,
    "c7g.medium": 0.0403, "c7g.large": 0.0806, "c7g.xlarge": 0.1611,
    "r7g.large": 0.1176, "m6g.large": 0.086, "c6g.large": 0.077,
    "m6i.large": 0.107, "c6i.large": 0.096,
  },
  ebsGp3GbMonth: 0.088,
  ec2DetailedMonitoringMonth: 2.1,
  rdsHourly: {
    mysql: {
      "db.t4g.micro": 0.017, "db.t4g.small": 0.034, "db.t4g.medium": 0.068, "db.t4g.large": 0.136,
      "db.t3.micro": 0.018, "db.t3.small": 0.036, "db.t3.medium": 0.072, "db.t3.large": 0.144,
      "db.m7g.large": 0.185, "db.m7g.xlarge": 0.37, "db.r7g.large": 0.263, "db.r7g.xlarge": 0.526,
      "db.m6g.large": 0.169, "db.r6g.large": 0.24,
    },
    postgres: {
      "db.t4g.micro": 0.017, "db.t4g.small": 0.034, "db.t4g.medium": 0.068, "db.t4g.large": 0.136,
      "db.t3.medium": 0.076, "db.m7g.large": 0.195, "db.r7g.large": 0.275, "db.r7g.xlarge": 0.55,
    },
  },
  rdsStorageGbMonth: { gp2: 0.127, gp3: 0.127, io1: 0.138, io2: 0.138 },
  rdsIopsMonth: { gp3: 0.022, io1: 0.11, io2: 0.11 },
  rdsBackupGbMonth: 0.095,
  // Redis OSS node prices. Valkey is a separate product in the Price List (cacheEngine "Valkey")
  // with its own prices; none is recorded here, so Valkey nodes stay unknown until a refresh
  // (npm run prices:update) fetches them.
  elasticacheHourly: {
    redis: {
      "cache.t4g.micro": 0.018, "cache.t4g.small": 0.036, "cache.t4g.medium": 0.072,
      "cache.t3.small": 0.037, "cache.t3.medium": 0.073,
      "cache.m7g.large": 0.176, "cache.r7g.large": 0.243, "cache.r7g.xlarge": 0.486,
      "cache.m6g.large": 0.166, "cache.r6g.large": 0.229,
    },
  },
  natGatewayHourly: 0.048,
  natGatewayGb: 0.048,
  publicIpv4Hourly: 0.005,
  albHourly: 0.0252,
  albLcuHourly: 0.008,
  interfaceEndpointHourly: 0.011,
  interfaceEndpointGb: 0.01,
  internetOutGb: 0.09,
  interRegionOutGb: 0.02,
  backupWarmGbMonth: 0.095,
  s3StandardGbMonth: 0.023,
  s3PutPer1000: 0.005,
  s3GetPer1000: 0.0004,
  cloudwatchAlarmMonth: 0.1,
  cloudwatchDashboardMonth: 3,
  logsIngestGb: 0.57,
  logsStorageGbMonth: 0.03,
  kmsKeyMonth: 1,
  snsPublishPerMillion: 0.5,
  snsEmailPer100k: 2,
  snsHttpsPerMillion: 0.6,
  sqsPerMillion: 0.4,
  sesPerThousandEmails: 0.1,
  secretsManagerSecretMonth: 0.4,
};
