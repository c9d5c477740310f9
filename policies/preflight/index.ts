/**
 * The preflight pack: API constraints the providers check only at deploy time, as rules over
 * the plan (and under CrossGuard over a preview). Each module cites its source.
 */
import type { Rule } from "../rule";
import { cacheEngineVersion } from "./cache-engine-version";
import { certificateNamesWithinQuota } from "./certificate-names";
import { explicitNamesValid } from "./explicit-names";
import { imagePinnedForFleet } from "./image-pinned";
import { instanceTypesExist } from "./instance-types";
import { logRetentionAccepted } from "./log-retention";
import { performanceInsightsOffered } from "./performance-insights";
import { rdsEngineVersion } from "./rds-engine-version";
import { rdsStorageCeiling } from "./rds-storage-ceiling";
import { elbNamesReplaceable } from "./replaceable-names";
import { rdsReplicaOfManagedPassword } from "./replica-source-password";
import { userDataWithinLimit } from "./user-data-size";

export const PREFLIGHT_RULES: readonly Rule[] = [
  rdsReplicaOfManagedPassword, rdsEngineVersion, rdsStorageCeiling, performanceInsightsOffered, cacheEngineVersion, instanceTypesExist,
  logRetentionAccepted, userDataWithinLimit, certificateNamesWithinQuota, explicitNamesValid, elbNamesReplaceable, imagePinnedForFleet,
];
