/** Every rule of the pack, in report order. */
import type { Rule } from "./rule";
import { backupOffsiteCopy, backupRetentionAsDeclared, backupVaultEncrypted } from "./rules/backup";
import {
  groupSpansZones, groupUsesLaunchTemplate, groupUsesLoadBalancerHealthChecks, launchTemplateEncryptedVolumes, launchTemplateImdsV2,
  launchTemplateNoPublicIp,
} from "./rules/compute";
import { databaseFinalSnapshot, statefulProtected } from "./rules/data-safety";
import { deployPolicyCoversTenant, deployPolicyGrantsPlan } from "./rules/deploy-permissions";
import { rdsBackupRetention, rdsEncrypted, rdsLogExports, rdsMinorUpgrades, rdsMultiAzAsDeclared, rdsNotPublic, rdsTlsEnforced } from "./rules/database";
import { managedWaf, sslStrict, webRecordsProxied } from "./rules/edge";
import { iamNoWildcardAdmin, kmsRotation } from "./rules/identity";
import { roleTrustsOnlyServices } from "./rules/role-trust";
import {
  httpListenerRedirects, httpsListenerTlsPolicy, loadBalancerAccessLogs, loadBalancerDeletionProtection, loadBalancerDesyncMitigation,
  loadBalancerDropsInvalidHeaders, loadBalancerOnlyFromCloudflare, loadBalancerServesHttps,
} from "./rules/load-balancer";
import { alarmsHaveActions, snsEncrypted } from "./rules/monitoring";
import { defaultSecurityGroupClosed, noOpenIngress, subnetNoAutoPublicIp, vpcFlowLogs } from "./rules/network";
import { PREFLIGHT_RULES } from "./preflight";
import { networkReachability } from "./rules/reachability";
import { bucketEncrypted, bucketOwnerEnforced, bucketPublicAccessBlocked, bucketTlsOnly, bucketVersioned } from "./rules/storage";

export const ALL_RULES: readonly Rule[] = [
  // Data safety
  statefulProtected, databaseFinalSnapshot, backupOffsiteCopy, backupRetentionAsDeclared,
  // Databases
  rdsEncrypted, rdsNotPublic, rdsMultiAzAsDeclared, rdsBackupRetention, rdsTlsEnforced, rdsLogExports, rdsMinorUpgrades,
  // Load balancers and listeners
  httpListenerRedirects, httpsListenerTlsPolicy, loadBalancerServesHttps, loadBalancerDropsInvalidHeaders, loadBalancerAccessLogs,
  loadBalancerDeletionProtection, loadBalancerDesyncMitigation, loadBalancerOnlyFromCloudflare,
  // Instances
  launchTemplateImdsV2, launchTemplateNoPublicIp, launchTemplateEncryptedVolumes, groupUsesLaunchTemplate, groupSpansZones,
  groupUsesLoadBalancerHealthChecks,
  // Network
  vpcFlowLogs, defaultSecurityGroupClosed, subnetNoAutoPublicIp, noOpenIngress, networkReachability,
  // Storage, keys, identity, backup vaults
  bucketPublicAccessBlocked, bucketTlsOnly, bucketEncrypted, bucketVersioned, bucketOwnerEnforced, kmsRotation, iamNoWildcardAdmin,
  roleTrustsOnlyServices, backupVaultEncrypted, deployPolicyGrantsPlan, deployPolicyCoversTenant,
  // Monitoring
  snsEncrypted, alarmsHaveActions,
  // Cloudflare
  webRecordsProxied, sslStrict, managedWaf,
  // Preflight: API constraints the providers check only at deploy time
  ...PREFLIGHT_RULES,
];
