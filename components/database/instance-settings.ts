/**
 * What every instance of a database shares, primaries and replicas: the settings they take alike
 * (written once here) and their exported log groups.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../shared/naming";
import type { DatabaseArgs } from "./args";
import { performanceInsightsAvailable, type EngineProfile } from "./engines";

/** The certificate authority of every instance's server certificate. */
export const CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1";

/** What a primary or a replica is created with: the component's args and what it created first. */
export interface InstanceContext {
  readonly args: DatabaseArgs;
  readonly profile: EngineProfile;
  /** Settings every instance takes alike ({@link sharedInstanceSettings}). */
  readonly shared: SharedInstanceSettings;
  /** The component: every instance's parent. */
  readonly parent: pulumi.Resource;
}

export type SharedInstanceSettings = ReturnType<typeof sharedInstanceSettings>;

/**
 * The settings every instance takes alike, primaries and replicas: the class, minor version
 * upgrades, IAM authentication, gp3 storage and its autoscaling ceiling, the security group, never
 * public, the CA; and when changes apply, log exports, enhanced monitoring and Performance Insights
 * (log exports are per instance: a replica exports only what it is asked to).
 */
export function sharedInstanceSettings(args: DatabaseArgs, profile: EngineProfile, securityGroupId: pulumi.Input<string>, monitoringRoleArn: pulumi.Input<string> | undefined) {
  const performanceInsights = args.performanceInsights && performanceInsightsAvailable(args.engine, args.instanceClass);
  return {
    instanceClass: args.instanceClass,
    autoMinorVersionUpgrade: true,
    iamDatabaseAuthenticationEnabled: true,
    storageType: "gp3",
    // A ceiling equal to the allocation means no autoscaling: RDS refuses a ceiling that is not
    // above the allocation, so the setting is left out then.
    maxAllocatedStorage: args.maxAllocatedStorageGiB > args.allocatedStorageGiB ? args.maxAllocatedStorageGiB : undefined,
    vpcSecurityGroupIds: [securityGroupId],
    publiclyAccessible: false,
    caCertIdentifier: CA_CERT_IDENTIFIER,
    applyImmediately: args.applyImmediately,
    enabledCloudwatchLogsExports: [...profile.logExports],
    monitoringInterval: args.monitoringIntervalSeconds,
    monitoringRoleArn,
    performanceInsightsEnabled: performanceInsights,
    performanceInsightsKmsKeyId: performanceInsights ? args.kmsKeyArn : undefined,
    performanceInsightsRetentionPeriod: performanceInsights ? 7 : undefined,
  };
}

/**
 * The log groups an instance exports to (`<logicalName>-<log>`), encrypted and expiring. RDS
 * creates them itself (unencrypted, kept forever) when they do not exist yet: each instance's,
 * replicas included, are created first.
 */
export function createExportedLogGroups(context: InstanceContext, logicalName: string, identifier: string, tags: Record<string, string> | undefined): aws.cloudwatch.LogGroup[] {
  return context.profile.logExports.map((log) => new aws.cloudwatch.LogGroup(`${logicalName}-${log}`, {
    name: `/aws/rds/instance/${identifier}/${log}`,
    retentionInDays: context.args.logRetentionDays,
    kmsKeyId: context.args.kmsKeyArn,
    tags: nameTags(`${logicalName}-${log}`, tags),
  }, { parent: context.parent }));
}
