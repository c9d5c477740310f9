/**
 * List prices in Europe (Stockholm), where tenants keep off-site copies: backup storage, buckets,
 * keys and transfer only. Compute is not listed (a tenant running here is estimated as unknown).
 */
import type { RegionPrices } from "../price-table";

export const EU_NORTH_1: RegionPrices = {
  backupWarmGbMonth: 0.095,
  s3StandardGbMonth: 0.023,
  s3PutPer1000: 0.005,
  s3GetPer1000: 0.0004,
  kmsKeyMonth: 1,
  internetOutGb: 0.09,
  interRegionOutGb: 0.02,
  logsIngestGb: 0.5,
  logsStorageGbMonth: 0.0275,
  cloudwatchAlarmMonth: 0.1,
};
