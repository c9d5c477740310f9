/** Every rule of the pack, in report order. */
import type { Rule } from "./rule";
import { databaseFinalSnapshot, statefulProtected } from "./rules/data-safety";
import {
  alarmsHaveActions, bucketPublicAccessBlocked, kmsRotation, launchTemplateImdsV2, launchTemplateNoPublicIp, loadBalancerDropsInvalidHeaders,
  noOpenIngress, rdsEncrypted, rdsNotPublic, snsEncrypted,
} from "./rules/security";

export const ALL_RULES: readonly Rule[] = [
  statefulProtected, databaseFinalSnapshot,
  rdsEncrypted, rdsNotPublic, launchTemplateImdsV2, launchTemplateNoPublicIp, noOpenIngress, kmsRotation,
  loadBalancerDropsInvalidHeaders, snsEncrypted, alarmsHaveActions, bucketPublicAccessBlocked,
];
