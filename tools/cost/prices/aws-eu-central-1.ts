/** List prices in Europe (Frankfurt). */
import type { RegionPrices } from "../price-table";

export const EU_CENTRAL_1: RegionPrices = {
  ec2Hourly: {
    "t4g.micro": 0.0096, "t4g.small": 0.0192, "t4g.medium": 0.0384, "t4g.large": 0.0768, "t4g.xlarge": 0.1536,
    "t3.micro": 0.012, "t3.small": 0.024, "t3.medium": 0.048, "t3.large": 0.096,
    "m7g.medium": 0.0486, "m7g.large": 0.0971, "m7g.xlarge": 0.1942,
    "c7g.medium": 0.0429, "c7g.large": 0.0857, "c7g.xlarge": 0.1714,
    "r7g.large": 0.1275, "m6g.large": 0.092, "c6g.large": 0.0776,
    "m6i.large": 0.115, "c6i.large": 0.097,
  },
  ebsGp3GbMonth: 0.0952,
  ec2DetailedMonitoringMonth: 2.1,
  rdsHourly: {
    mysql: {
      "db.t4g.micro": 0.018, "db.t4g.small": 0.036, "db.t4g.medium": 0.072, "db.t4g.large": 0.144,
      "db.t3.micro": 0.02, "db.t3.small": 0.04, "db.t3.medium": 0.08, "db.t3.large": 0.16,
      "db.m7g.large": 0.2, "db.m7g.xlarge": 0.4, "db.r7g.large": 0.283, "db.r7g.xlarge": 0.566,
      "db.m6g.large": 0.181, "db.r6g.large": 0.258,
    },
    postgres: {
      "db.t4g.micro": 0.019, "db.t4g.small": 0.038, "db.t4g.medium": 0.076, "db.t4g.large": 0.152,
      "db.t3.medium": 0.084, "db.m7g.large": 0.213, "db.r7g.large": 0.296, "db.r7g.xlarge": 0.592,
    },
  },
  rdsStorageGbMonth: { gp2: 0.133, gp3: 0.133, io1: 0.149, io2: 0.149 },
  rdsIopsMonth: { gp3: 0.024, io1: 0.12, io2: 0.12 },
  rdsBackupGbMonth: 0.095,
  // Redis OSS node prices. Valkey is a separate product in the Price List (cacheEngine "Valkey")
  // with its own prices; none is recorded here, so Valkey nodes stay unknown until a refresh
  // (npm run prices:update) fetches them.
  elasticacheHourly: {
    redis: {
      "cache.t4g.micro": 0.019, "cache.t4g.small": 0.037, "cache.t4g.medium": 0.074,
      "cache.t3.small": 0.038, "cache.t3.medium": 0.076,
      "cache.m7g.large": 0.187, "cache.r7g.large": 0.259, "cache.r7g.xlarge": 0.518,
      "cache.r6g.large": 0.244,
    },
  },
  natGatewayHourly: 0.052,
  natGatewayGb: 0.052,
  publicIpv4Hourly: 0.005,
  albHourly: 0.027,
  albLcuHourly: 0.008,
  interfaceEndpointHourly: 0.012,
  interfaceEndpointGb: 0.01,
  internetOutGb: 0.09,
  interRegionOutGb: 0.02,
  backupWarmGbMonth: 0.095,
  s3StandardGbMonth: 0.0245,
  s3PutPer1000: 0.0054,
  s3GetPer1000: 0.00043,
  cloudwatchAlarmMonth: 0.1,
  cloudwatchDashboardMonth: 3,
  logsIngestGb: 0.63,
  logsStorageGbMonth: 0.0324,
  kmsKeyMonth: 1,
  snsPublishPerMillion: 0.5,
  snsEmailPer100k: 2,
  snsHttpsPerMillion: 0.6,
  sqsPerMillion: 0.4,
  sesPerThousandEmails: 0.1,
  secretsManagerSecretMonth: 0.4,
};
