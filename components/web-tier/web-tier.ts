import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../shared/naming";
import { requireDefaultedArgs } from "../shared/required-args";
import { architectureOf } from "./architecture";
import type { WebTierArgs } from "./args";
import { WEB_TIER_DEFAULTS } from "./defaults";
import { drainHeartbeatSeconds } from "./drain-script";
import { createInstanceGroup, type InstanceGroup } from "./instance-group";
import { HEALTH_REPORT_TAG_KEY } from "./instance-policy";
import { createDrainPolicy, createInstanceRole, type TierLogs } from "./instance-role";
import { createLoadBalancer, type LoadBalancerParts } from "./load-balancer";
import { createBacklogPolicy, createWebScalingPolicies } from "./scaling-policies";
import { createSecurityGroups, type CloudflareRanges } from "./security-groups";
import { tierLaunch, type TierLaunch } from "./tier-launch";
import { createWorkerQueue, type WorkerQueue } from "./worker-queue";

/** Checks the arguments a tenant file cannot already have ruled out. */
function validate(name: string, args: WebTierArgs): void {
  requireDefaultedArgs(name, args, WEB_TIER_DEFAULTS, "WEB_TIER_DEFAULTS", ["workers"]);
  const { min, max } = args.scaling;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && min <= max && max >= 1)) {
    throw new RangeError(`${name}: scaling needs 0 ≤ min ≤ max and max ≥ 1 (got min ${min}, max ${max})`);
  }
  const desired = args.scaling.desired;
  if (desired !== undefined && (desired < min || desired > max)) {
    throw new RangeError(`${name}: scaling.desired ${desired} lies outside min ${min} and max ${max}`);
  }
  const architecture = args.architecture ?? architectureOf(args.instanceType);
  if (architecture !== architectureOf(args.instanceType)) {
    throw new RangeError(`${name}: instance type ${args.instanceType} runs ${architectureOf(args.instanceType)}, not ${architecture}`);
  }
  const delay = args.loadBalancer.deregistrationDelaySeconds;
  if (!(Number.isInteger(delay) && delay >= 1 && delay <= 3600)) {
    throw new RangeError(`${name}: loadBalancer.deregistrationDelaySeconds must be 1 to 3600 (it is also nginx's read timeout), got ${delay}`);
  }
  if (args.workers && args.workers.min > args.workers.max) {
    throw new RangeError(`${name}: workers need min ≤ max`);
  }
}

/** The log groups `<prefix>/app`, `<prefix>/nginx` and, with workers, `<prefix>/worker`. */
function createTierLogs(name: string, args: WebTierArgs, parent: pulumi.Resource): TierLogs {
  const logGroup = (suffix: string) => new aws.cloudwatch.LogGroup(`${name}-${suffix}`, {
    name: `${args.logGroupPrefix}/${suffix}`,
    retentionInDays: args.logRetentionDays,
    kmsKeyId: args.kmsKeyArn,
    tags: nameTags(`${name}-${suffix}`, args.tags),
  }, { parent });
  const app = logGroup("app");
  const nginx = logGroup("nginx");
  return { app, nginx, worker: args.workers ? logGroup("worker") : undefined };
}

/** Cloudflare's published IP ranges: the only sources the load balancer accepts. */
function cloudflareRangesOf(parent: pulumi.Resource): pulumi.Output<CloudflareRanges> {
  return cloudflare.getIpRangesOutput({}, { parent })
    .apply((ranges) => ({ ipv4Cidrs: ranges.ipv4Cidrs, ipv6Cidrs: ranges.ipv6Cidrs }));
}

/** The web group's and the workers' share: launch settings, the tag they carry, the policy they need at boot. */
interface GroupContext {
  readonly name: string;
  readonly args: WebTierArgs;
  readonly launch: TierLaunch;
  readonly logs: TierLogs;
  readonly groupTags: Record<string, string>;
  readonly rolePolicy: aws.iam.RolePolicy;
}

/** `<name>-web`: the web servers, in the load balancer's target group. */
function createWebGroup(context: GroupContext, lb: LoadBalancerParts): InstanceGroup {
  const { name, args, launch } = context;
  // A web container gets the load balancer's deregistration delay to finish its requests.
  const stopTimeoutSeconds = args.loadBalancer.deregistrationDelaySeconds;
  const userData = launch.userData("web", args.app, context.logs.app, stopTimeoutSeconds);
  return createInstanceGroup({
    ...launch.shared,
    name: `${name}-web`,
    instanceType: args.instanceType,
    userData,
    drainHeartbeatSeconds: drainHeartbeatSeconds(stopTimeoutSeconds),
    min: args.scaling.min,
    max: args.scaling.max,
    desired: args.scaling.desired,
    warmupSeconds: args.scaling.warmupSeconds,
    // Until the HTTPS listener exists the target group is not attached to the load balancer,
    // so its health checks cannot judge the instances yet.
    targetGroupArns: [lb.targetGroup.arn],
    loadBalancerHealthChecks: lb.httpsListener !== undefined,
    // Instances need their permissions at boot, and the target group joins the load balancer
    // through the listener.
    dependsOn: lb.httpsListener ? [context.rolePolicy, lb.httpsListener] : [context.rolePolicy],
    healthCheckGracePeriodSeconds: launch.gracePeriod(userData, args.instanceType, "web"),
    groupTags: context.groupTags,
    schedules: args.scaling.schedules ?? [],
  });
}

/** `<name>-worker`: the queue workers, the web's image running the workers' command, scaled on the backlog. */
function createWorkerGroup(context: GroupContext, workers: NonNullable<WebTierArgs["workers"]>, logs: aws.cloudwatch.LogGroup, queue: WorkerQueue): InstanceGroup {
  const { name, args, launch } = context;
  const instanceType = workers.instanceType ?? args.instanceType;
  const userData = launch.userData("worker", { ...args.app, command: workers.command }, logs, workers.stopTimeoutSeconds);
  const group = createInstanceGroup({
    ...launch.shared,
    name: `${name}-worker`,
    instanceType,
    userData,
    drainHeartbeatSeconds: drainHeartbeatSeconds(workers.stopTimeoutSeconds),
    dependsOn: [context.rolePolicy],
    min: workers.min,
    max: workers.max,
    warmupSeconds: args.scaling.warmupSeconds,
    healthCheckGracePeriodSeconds: launch.gracePeriod(userData, instanceType, "worker"),
    groupTags: context.groupTags,
    schedules: [],
  });
  createBacklogPolicy(name, workers, group.group, queue.queue, args.scaling.warmupSeconds, launch.shared.parent);
  return group;
}

/**
 * Web servers that scale up (instance type) and out (Auto Scaling) behind an Application Load
 * Balancer that only Cloudflare can reach. Each instance runs nginx in front of the tenant's
 * application container; optional workers run the same image on a queue.
 *
 * Cost (us-east-1): the load balancer about $16/month plus LCUs; instances at their on-demand
 * price (t4g.small about $12/month) times the group size; detailed monitoring about $2.10 per
 * instance per month; workers' queue $0.40 per million requests; logs at CloudWatch prices.
 */
export class WebTier extends pulumi.ComponentResource {
  public readonly loadBalancer: aws.lb.LoadBalancer;
  public readonly targetGroup: aws.lb.TargetGroup;
  /** The HTTPS listener (undefined without a certificate): what serves the edge's records. */
  public readonly httpsListener?: aws.lb.Listener;
  public readonly web: InstanceGroup;
  public readonly workers?: InstanceGroup;
  public readonly queue?: WorkerQueue;
  public readonly loadBalancerSecurityGroupId: pulumi.Output<string>;
  public readonly instanceSecurityGroupId: pulumi.Output<string>;
  public readonly instanceRoleArn: pulumi.Output<string>;
  /** Name of the instances' role (web and workers), for attaching the permissions of other features. */
  public readonly instanceRoleName: pulumi.Output<string>;
  public readonly loadBalancerDnsName: pulumi.Output<string>;
  public readonly loadBalancerArnSuffix: pulumi.Output<string>;
  public readonly targetGroupArnSuffix: pulumi.Output<string>;
  public readonly webGroupName: pulumi.Output<string>;

  constructor(name: string, args: WebTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:web:WebTier", name, {}, opts);
    validate(name, args);
    const { tags } = args;
    const logs = createTierLogs(name, args, this);
    const cloudflareRanges = cloudflareRangesOf(this);
    const securityGroups = createSecurityGroups({ name, vpcId: args.vpcId, cloudflareRanges, tags, parent: this });
    const lb = createLoadBalancer({
      name,
      region: args.region,
      vpcId: args.vpcId,
      subnetIds: args.publicSubnetIds,
      securityGroupId: securityGroups.loadBalancer.id,
      settings: args.loadBalancer,
      healthCheck: args.healthCheck,
      tags,
      parent: this,
    });
    const queue = args.workers
      ? createWorkerQueue({ name, visibilityTimeoutSeconds: args.workers.visibilityTimeoutSeconds, maxReceiveCount: args.workers.maxReceiveCount, kmsKeyArn: args.kmsKeyArn, tags, parent: this })
      : undefined;
    // The tier's groups carry this tag; their instances may report their own health to them only.
    const healthReportTag = { key: HEALTH_REPORT_TAG_KEY, value: name };
    const role = createInstanceRole({ name, args, logs, queue, healthReportTag, parent: this });
    const launch = tierLaunch(args, {
      nginxLogs: logs.nginx,
      cloudflareRanges,
      securityGroupId: securityGroups.instances.id,
      instanceProfileArn: role.profile.arn,
      queue,
      parent: this,
    });
    const context: GroupContext = { name, args, launch, logs, groupTags: { [healthReportTag.key]: healthReportTag.value }, rolePolicy: role.policy };
    const web = createWebGroup(context, lb);
    createWebScalingPolicies(name, args.scaling, web.group, lb, this);
    const workers = args.workers && queue && logs.worker ? createWorkerGroup(context, args.workers, logs.worker, queue) : undefined;
    createDrainPolicy(name, role.role, web, workers, this);

    this.loadBalancer = lb.loadBalancer;
    this.targetGroup = lb.targetGroup;
    this.httpsListener = lb.httpsListener;
    this.web = web;
    this.workers = workers;
    this.queue = queue;
    this.loadBalancerSecurityGroupId = securityGroups.loadBalancer.id;
    this.instanceSecurityGroupId = securityGroups.instances.id;
    this.instanceRoleArn = role.role.arn;
    this.instanceRoleName = role.role.name;
    this.loadBalancerDnsName = lb.loadBalancer.dnsName;
    this.loadBalancerArnSuffix = lb.loadBalancer.arnSuffix;
    this.targetGroupArnSuffix = lb.targetGroup.arnSuffix;
    this.webGroupName = web.group.name;
    this.registerOutputs({
      loadBalancerDnsName: this.loadBalancerDnsName,
      loadBalancerArnSuffix: this.loadBalancerArnSuffix,
      targetGroupArnSuffix: this.targetGroupArnSuffix,
      webGroupName: this.webGroupName,
      loadBalancerSecurityGroupId: this.loadBalancerSecurityGroupId,
      instanceSecurityGroupId: this.instanceSecurityGroupId,
      instanceRoleArn: this.instanceRoleArn,
      queueUrl: this.queue?.queue.url,
    });
  }
}
