import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../shared/naming";
import type { ScheduledScaling } from "./args";
import { DRAIN_HOOK_NAME } from "./drain-script";

/** Metrics the groups publish (free at 1-minute granularity for these). */
export const GROUP_METRICS: aws.types.enums.autoscaling.Metric[] = [
  "GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances",
  "GroupTerminatingInstances", "GroupTotalInstances",
];

export interface InstanceGroupArgs {
  name: string;
  imageId: pulumi.Input<string>;
  instanceType: string;
  securityGroupId: pulumi.Input<string>;
  instanceProfileArn: pulumi.Input<string>;
  userData: pulumi.Input<string>;
  subnetIds: pulumi.Input<string>[];
  min: number;
  max: number;
  /** Size at creation only. @default min */
  desired?: number;
  warmupSeconds: number;
  rootVolumeGiB: number;
  kmsKeyArn?: pulumi.Input<string>;
  detailedMonitoring: boolean;
  /** Attach to these target groups. */
  targetGroupArns?: pulumi.Input<string>[];
  /** Judge instances by the target groups' health checks. @default true when there are target groups */
  loadBalancerHealthChecks?: boolean;
  healthCheckGracePeriodSeconds: pulumi.Input<number>;
  /**
   * Seconds the termination lifecycle hook holds a terminating instance while it stops its
   * container (see drain-script.ts, `drainHeartbeatSeconds`).
   */
  drainHeartbeatSeconds: number;
  /**
   * Tags on the group alone (not propagated to instances), e.g. the tag the instances' role may
   * report health to (see instance-policy.ts). @default {}
   */
  groupTags?: Record<string, string>;
  schedules: ScheduledScaling[];
  /** Resources the instances need before the first one boots. @default [] */
  dependsOn?: pulumi.Resource[];
  /**
   * Tags of the template, the group and everything the group launches: the group's tags (with
   * propagateAtLaunch) and the template's tag specifications are the only way tags reach the
   * instances, volumes and network interfaces (provider default tags do not).
   */
  tags: Record<string, string> | undefined;
  parent: pulumi.Resource;
}

export interface InstanceGroup {
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly group: aws.autoscaling.Group;
  /** Holds terminating instances until they have stopped their container. */
  readonly drainHook: aws.autoscaling.LifecycleHook;
}

/**
 * A launch template (IMDSv2 only, encrypted gp3 root volume, no public IP) and an Auto Scaling
 * group over the given subnets that rolls every template change out with an instance refresh:
 * new instances start and turn healthy before old ones leave, so capacity never drops. A
 * termination lifecycle hook holds every instance the group terminates (scale-in, instance
 * refresh, replacement) until its drain script has stopped the container.
 */
export function createInstanceGroup(args: InstanceGroupArgs): InstanceGroup {
  const { name, tags } = args;
  const opts = { parent: args.parent };
  const launchTemplate = new aws.ec2.LaunchTemplate(name, {
    description: `Instances of ${name}`,
    imageId: args.imageId,
    instanceType: args.instanceType,
    iamInstanceProfile: { arn: args.instanceProfileArn },
    userData: pulumi.output(args.userData).apply((text) => Buffer.from(text, "utf8").toString("base64")),
    metadataOptions: {
      httpEndpoint: "enabled",
      httpTokens: "required",
      // 2 hops: the container reaches the instance role through docker's bridge.
      httpPutResponseHopLimit: 2,
      instanceMetadataTags: "disabled",
    },
    networkInterfaces: [{
      deviceIndex: 0,
      associatePublicIpAddress: "false",
      deleteOnTermination: "true",
      securityGroups: [args.securityGroupId],
    }],
    blockDeviceMappings: [{
      deviceName: "/dev/xvda",
      ebs: {
        volumeSize: args.rootVolumeGiB,
        volumeType: "gp3",
        encrypted: "true",
        kmsKeyId: args.kmsKeyArn,
        deleteOnTermination: "true",
      },
    }],
    monitoring: { enabled: args.detailedMonitoring },
    updateDefaultVersion: true,
    tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
      resourceType,
      tags: nameTags(name, tags),
    })),
    tags: nameTags(name, tags),
  }, opts);

  const usesLoadBalancer = (args.loadBalancerHealthChecks ?? true) && (args.targetGroupArns ?? []).length > 0;
  const group = new aws.autoscaling.Group(name, {
    vpcZoneIdentifiers: args.subnetIds,
    minSize: args.min,
    maxSize: args.max,
    desiredCapacity: args.desired,
    launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
    targetGroupArns: args.targetGroupArns,
    healthCheckType: usesLoadBalancer ? "ELB" : "EC2",
    healthCheckGracePeriod: args.healthCheckGracePeriodSeconds,
    defaultInstanceWarmup: args.warmupSeconds,
    instanceRefresh: {
      strategy: "Rolling",
      preferences: {
        minHealthyPercentage: 100,
        maxHealthyPercentage: 200,
        instanceWarmup: String(args.warmupSeconds),
        skipMatching: true,
        // No autoRollback: the provider sets the new version before starting the refresh, so a
        // rollback would return to that same version (terraform-provider-aws#34189).
      },
    },
    instanceMaintenancePolicy: { minHealthyPercentage: 100, maxHealthyPercentage: 200 },
    terminationPolicies: ["OldestLaunchTemplate", "OldestInstance"],
    enabledMetrics: GROUP_METRICS,
    metricsGranularity: "1Minute",
    waitForCapacityTimeout: "15m",
    tags: [
      ...Object.entries(nameTags(name, tags)).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      ...Object.entries(args.groupTags ?? {}).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
    ],
  }, {
    ...opts,
    dependsOn: args.dependsOn,
    // Scaling policies and schedules move the desired size; a deploy must not reset it
    // (`desired` only sizes the group when it is created).
    ignoreChanges: ["desiredCapacity"],
  });

  // A separate hook resource, not the group's initialLifecycleHooks, which "will only work when
  // creating a new Auto Scaling Group" (@pulumi/aws autoscaling/group.d.ts): existing groups get
  // it too. A termination hook is needed only once an instance leaves, long after the group
  // exists. For a terminating instance CONTINUE and ABANDON both terminate; CONTINUE lets other
  // hooks run (https://docs.aws.amazon.com/autoscaling/ec2/userguide/adding-lifecycle-hooks.html).
  const drainHook = new aws.autoscaling.LifecycleHook(`${name}-drain`, {
    name: DRAIN_HOOK_NAME,
    autoscalingGroupName: group.name,
    lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
    heartbeatTimeout: args.drainHeartbeatSeconds,
    defaultResult: "CONTINUE",
  }, opts);

  for (const schedule of args.schedules) {
    new aws.autoscaling.Schedule(`${name}-${schedule.name}`, {
      autoscalingGroupName: group.name,
      scheduledActionName: schedule.name,
      recurrence: schedule.recurrence,
      timeZone: schedule.timeZone ?? "UTC",
      minSize: schedule.min ?? -1,
      maxSize: schedule.max ?? -1,
      desiredCapacity: schedule.desired ?? -1,
    }, opts);
  }
  return { launchTemplate, group, drainHook };
}
