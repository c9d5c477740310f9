/** List prices in US East (N. Virginia). */
import type { RegionPrices } from "../price-table";

export const US_EAST_1: RegionPrices = {
  ec2Hourly: {
    "t4g.nano": 0.0042, "t4g.micro": 0.0084, "t4g.small": 0.0168, "t4g.medium": 0.0336, "t4g.large": 0.0672, "t4g.xlarge": 0.1344,
    "t3.micro": 0.0104, "t3.small": 0.0208, "t3.medium": 0.0416, "t3.large": 0.0832,
    "m7g.medium": 0.0408, "m7g.large": 0.0816, "m7g.xlarge": 0.1632,
    "c7g.medium": 0.0363, "c7g.large": 0.0725, "c7g.xlarge": 0.145,
    "r7g.large": 0.1071, "m6g.large": 0.077, "c6g.large": 0.068,
    "m6i.large": 0.096, "c6i.large": 0.085, "m7i.large": 0.1008, "c7i.large": 0.08925,
  },
  ebsGp3GbMonth: 0.08,
  ec2DetailedMonitoringMonth: 2.1,
  rdsHourly: {
    mysql: {
      "db.t4g.micro": 0.016, "db.t4g.small": 0.032, "db.t4g.medium": 0.065, "db.t4g.large": 0.129,
      "db.t3.micro": 0.017, "db.t3.small": 0.034, "db.t3.medium": 0.068, "db.t3.large": 0.136,
      "db.m7g.large": 0.168, "db.m7g.xlarge": 0.336, "db.r7g.large": 0.239, "db.r7g.xlarge": 0.478,
      "db.m6g.large": 0.152, "db.r6g.large": 0.215,
    },
    postgres: {
      "db.t4g.micro": 0.016, "db.t4g.small": 0.032, "db.t4g.medium": 0.065, "db.t4g.large": 0.129,
      "db.t3.micro": 0.018, "db.t3.small": 0.036, "db.t3.medium": 0.072, "db.t3.large": 0.145,
      "db.m7g.large": 0.178, "db.m7g.xlarge": 0.356, "db.r7g.large": 0.25, "db.r7g.xlarge": 0.5,
      "db.m6g.large": 0.159, "db.r6g.large": 0.225,
    },
  },
  rdsStorageGbMonth: { gp2: 0.115, gp3: 0.115, io1: 0.125, io2: 0.125 },
  rdsIopsMonth: { gp3: 0.02, io1: 0.1, io2: 0.1 },
  rdsBackupGbMonth: 0.095,
  // Redis OSS node prices. Valkey is a separate product in the Price List (cacheEngine "Valkey")
  // with its own prices; none is recorded here, so Valkey nodes stay unknown until a refresh
  // (npm run prices:update) fetches them.
  elasticacheHourly: {
    redis: {
      "cache.t4g.micro": 0.016, "cache.t4g.small": 0.032, "cache.t4g.medium": 0.065,
      "cache.t3.small": 0.034, "cache.t3.medium": 0.068,
      "cache.m7g.large": 0.158, "cache.r7g.large": 0.219, "cache.r7g.xlarge": 0.437,
      "cache.m6g.large": 0.149, "cache.r6g.large": 0.206,
    },
  },
  natGatewayHourly: 0.045,
  natGatewayGb: 0.045,
  publicIpv4Hourly: 0.005,
  albHourly: 0.0225,
  albLcuHourly: 0.008,
  interfaceEndpointHourly: 0.01,
  interfaceEndpointGb: 0.01,
  internetOutGb: 0.09,
  interRegionOutGb: 0.02,
  backupWarmGbMonth: 0.095,
  s3StandardGbMonth: 0.023,
  s3PutPer1000: 0.005,
  s3GetPer1000: 0.0004,
  cloudwatchAlarmMonth: 0.1,
  cloudwatchDashboardMonth: 3,
  logsIngestGb: 0.5,
  logsStorageGbMonth: 0.03,
  kmsKeyMonth: 1,
  snsPublishPerMillion: 0.5,
  snsEmailPer100k: 2,
  snsHttpsPerMillion: 0.6,
  sqsPerMillion: 0.4,
  sesPerThousandEmails: 0.1,
  secretsManagerSecretMonth: 0.4,
};
