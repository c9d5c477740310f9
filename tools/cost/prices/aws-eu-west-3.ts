/** List prices in Europe (Paris). Fewer instance sizes are listed than for the larger regions. */
import type { RegionPrices } from "../price-table";

export const EU_WEST_3: RegionPrices = {
  ec2Hourly: {
    "t4g.micro": 0.0094, "t4g.small": 0.0188, "t4g.medium": 0.0376, "t4g.large": 0.0752,
    "t3.micro": 0.0118, "t3.small": 0.0236, "t3.medium": 0.0472, "t3.large": 0.0944,
    "m7g.large": 0.0947, "c7g.large": 0.0845, "m6i.large": 0.112, "c6i.large": 0.101,
  },
  ebsGp3GbMonth: 0.0928,
  ec2DetailedMonitoringMonth: 2.1,
  rdsHourly: {
    mysql: {
      "db.t4g.micro": 0.018, "db.t4g.small": 0.035, "db.t4g.medium": 0.071, "db.t4g.large": 0.141,
      "db.t3.micro": 0.019, "db.t3.small": 0.038, "db.t3.medium": 0.076, "db.t3.large": 0.152,
      "db.m7g.large": 0.197, "db.r7g.large": 0.276,
    },
    postgres: {
      "db.t4g.micro": 0.018, "db.t4g.small": 0.037, "db.t4g.medium": 0.074, "db.t4g.large": 0.148,
    },
  },
  rdsStorageGbMonth: { gp2: 0.133, gp3: 0.133 },
  rdsIopsMonth: { gp3: 0.024 },
  rdsBackupGbMonth: 0.095,
  // Redis OSS node prices. Valkey is a separate product in the Price List (cacheEngine "Valkey")
  // with its own prices; none is recorded here, so Valkey nodes stay unknown until a refresh
  // (npm run prices:update) fetches them.
  elasticacheHourly: {
    redis: {
      "cache.t4g.micro": 0.018, "cache.t4g.small": 0.036, "cache.t4g.medium": 0.072, "cache.r7g.large": 0.254,
    },
  },
  natGatewayHourly: 0.05,
  natGatewayGb: 0.05,
  publicIpv4Hourly: 0.005,
  albHourly: 0.0264,
  albLcuHourly: 0.008,
  interfaceEndpointHourly: 0.012,
  interfaceEndpointGb: 0.01,
  internetOutGb: 0.09,
  interRegionOutGb: 0.02,
  backupWarmGbMonth: 0.095,
  s3StandardGbMonth: 0.024,
  s3PutPer1000: 0.0053,
  s3GetPer1000: 0.00042,
  cloudwatchAlarmMonth: 0.1,
  cloudwatchDashboardMonth: 3,
  logsIngestGb: 0.53,
  logsStorageGbMonth: 0.0306,
  kmsKeyMonth: 1,
  snsPublishPerMillion: 0.5,
  snsEmailPer100k: 2,
  snsHttpsPerMillion: 0.6,
  sqsPerMillion: 0.4,
  sesPerThousandEmails: 0.1,
  secretsManagerSecretMonth: 0.4,
};
