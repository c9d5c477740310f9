import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../shared/naming";
import { amazonLinuxParameter, architectureOf } from "./architecture";
import type { WebTierArgs } from "./args";
import { createInstanceGroup, type InstanceGroup } from "./instance-group";
import { pinnedImage } from "./image-pin";
import { estimateBoot, gracePeriodFor } from "./boot-estimate";
import { drainHeartbeatSeconds } from "./drain-script";
import { drainPolicyDocument, HEALTH_REPORT_TAG_KEY, instancePolicyDocument } from "./instance-policy";
import { WEB_TIER_DEFAULTS } from "./defaults";
import { createLoadBalancer, HEALTHY_THRESHOLD } from "./load-balancer";
import { renderNginxSite } from "./nginx-config";
import { createSecurityGroups, type CloudflareRanges } from "./security-groups";
import { renderedBootSteps } from "./boot-steps";
import { PATHS, renderUserData, type AppContainer, type InstanceRole } from "./user-data";
import { createWorkerQueue, QUEUE_NAME_ENV, QUEUE_URL_ENV, type WorkerQueue } from "./worker-queue";

/** Checks the arguments a tenant file cannot already have ruled out. */
function validate(name: string, args: WebTierArgs): void {
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
  if (delay !== undefined && !(Number.isInteger(delay) && delay >= 1 && delay <= 3600)) {
    throw new RangeError(`${name}: loadBalancer.deregistrationDelaySeconds must be 1 to 3600 (it is also nginx's read timeout), got ${delay}`);
  }
  if (args.workers && (args.workers.min ?? WEB_TIER_DEFAULTS.workers.min) > (args.workers.max ?? WEB_TIER_DEFAULTS.workers.max)) {
    throw new RangeError(`${name}: workers need min ≤ max`);
  }
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
    const parent = { parent: this };
    const tags = args.tags;
    const architecture = args.architecture ?? architectureOf(args.instanceType);
    const retentionInDays = args.logRetentionDays ?? WEB_TIER_DEFAULTS.logRetentionDays;

    const logGroup = (suffix: string) => new aws.cloudwatch.LogGroup(`${name}-${suffix}`, {
      name: `${args.logGroupPrefix}/${suffix}`,
      retentionInDays,
      kmsKeyId: args.kmsKeyArn,
      tags: nameTags(`${name}-${suffix}`, tags),
    }, parent);
    const appLogs = logGroup("app");
    const nginxLogs = logGroup("nginx");
    const workerLogs = args.workers ? logGroup("worker") : undefined;

    const cloudflareRanges: pulumi.Output<CloudflareRanges> = cloudflare.getIpRangesOutput({}, parent)
      .apply((ranges) => ({ ipv4Cidrs: ranges.ipv4Cidrs, ipv6Cidrs: ranges.ipv6Cidrs }));
    const groups = createSecurityGroups({ name, vpcId: args.vpcId, cloudflareRanges, tags, parent: this });
    this.loadBalancerSecurityGroupId = groups.loadBalancer.id;
    this.instanceSecurityGroupId = groups.instances.id;

    const healthCheck = args.healthCheck ?? {};
    // One number for how long a request may take: nginx waits this long for the application and
    // the load balancer lets a leaving instance finish its requests this long.
    const deregistrationDelaySeconds = args.loadBalancer.deregistrationDelaySeconds ?? WEB_TIER_DEFAULTS.loadBalancer.deregistrationDelaySeconds;
    const lb = createLoadBalancer({
      name,
      region: args.region,
      vpcId: args.vpcId,
      subnetIds: args.publicSubnetIds,
      securityGroupId: groups.loadBalancer.id,
      settings: args.loadBalancer,
      healthCheck,
      tags,
      parent: this,
    });
    this.loadBalancer = lb.loadBalancer;
    this.targetGroup = lb.targetGroup;
    this.httpsListener = lb.httpsListener;

    this.queue = args.workers
      ? createWorkerQueue({
          name,
          visibilityTimeoutSeconds: args.workers.visibilityTimeoutSeconds ?? WEB_TIER_DEFAULTS.workers.visibilityTimeoutSeconds,
          maxReceiveCount: args.workers.maxReceiveCount ?? WEB_TIER_DEFAULTS.workers.maxReceiveCount,
          kmsKeyArn: args.kmsKeyArn,
          tags,
          parent: this,
        })
      : undefined;

    const identity = aws.getCallerIdentityOutput({}, parent);
    // The tier's groups carry this tag; their instances may report their own health to them only.
    const healthReportTag = { key: HEALTH_REPORT_TAG_KEY, value: name };
    const groupTags = { [healthReportTag.key]: healthReportTag.value };
    const connectionEnv = pulumi.output(args.connectionEnv ?? {});
    const connectionSecrets = pulumi.output(args.connectionSecrets ?? {});
    const role = new aws.iam.Role(`${name}-instances`, {
      permissionsBoundary: args.permissionsBoundary,
      description: `Instances of ${name}`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      tags: nameTags(`${name}-instances`, { ...tags, ...args.instanceRoleTags }),
    }, parent);
    const rolePolicy = new aws.iam.RolePolicy(`${name}-instances`, {
      role: role.id,
      policy: pulumi
        .all([identity, appLogs.arn, nginxLogs.arn, workerLogs?.arn, args.kmsKeyArn, this.queue?.queue.arn, connectionSecrets])
        .apply(([id, app, nginx, worker, kmsKeyArn, queueArn, extraSecrets]) => JSON.stringify(instancePolicyDocument({
          partition: id.arn.split(":")[1] ?? "aws",
          region: args.region,
          accountId: id.accountId,
          logGroupArns: [app, nginx, ...(worker ? [worker] : [])],
          secretReferences: [...Object.values(args.app.secrets ?? {}), ...Object.values(extraSecrets)],
          kmsKeyArn,
          image: args.app.image,
          queueArns: queueArn ? [queueArn] : [],
          healthReportTag,
        }))),
    }, parent);
    const profile = new aws.iam.InstanceProfile(`${name}-instances`, { role: role.name, tags: nameTags(`${name}-instances`, tags) }, parent);
    this.instanceRoleArn = role.arn;
    this.instanceRoleName = role.name;

    const imageId = args.imageId ?? aws.ssm.getParameterOutput({ name: amazonLinuxParameter(architecture) }, parent).value;
    // The container's full environment: the app's own, the platform's connections, the queue
    // (its URL and name, for predefined queues: a Celery worker then never calls ListQueues or
    // CreateQueue, which the role does not grant; see docs/instance-runtime.md).
    const image = pinnedImage(args.app.image, this);
    const appWithConnections = (app: AppContainer): pulumi.Output<AppContainer> =>
      pulumi.all([pulumi.output(this.queue?.queue.url), pulumi.output(this.queue?.queue.name), connectionEnv, connectionSecrets, image])
        .apply(([queueUrl, queueName, env, secrets, pinned]) => ({
          ...app,
          image: pinned,
          env: { ...app.env, ...env, ...(queueUrl && queueName ? { [QUEUE_URL_ENV]: queueUrl, [QUEUE_NAME_ENV]: queueName } : {}) },
          secrets: { ...app.secrets, ...secrets },
        }));
    const userData = (role: InstanceRole, app: AppContainer, appLogGroup: aws.cloudwatch.LogGroup, stopTimeoutSeconds: number) =>
      pulumi.all([appWithConnections(app), cloudflareRanges, appLogGroup.name, nginxLogs.name]).apply(([container, ranges, appLogName, nginxLogName]) =>
        renderUserData({
          role,
          region: args.region,
          architecture,
          app: container,
          appLogGroup: appLogName,
          stopTimeoutSeconds,
          healthPath: healthCheck.path ?? WEB_TIER_DEFAULTS.healthCheck.path,
          ...(role === "web"
            ? {
                nginxLogGroup: nginxLogName,
                nginxSite: renderNginxSite({
                  appPort: container.port,
                  upstreamInclude: PATHS.nginxUpstream,
                  livenessPath: healthCheck.path ?? WEB_TIER_DEFAULTS.healthCheck.path,
                  readTimeoutSeconds: deregistrationDelaySeconds,
                  proxyCidrs: [args.vpcCidrBlock],
                  // Sorted: a reordered list from Cloudflare must not roll the fleet.
                  cloudflareCidrs: [...ranges.ipv4Cidrs].sort().concat([...ranges.ipv6Cidrs].sort()),
                }),
              }
            : {}),
        }));

    const common = {
      imageId,
      securityGroupId: groups.instances.id,
      instanceProfileArn: profile.arn,
      subnetIds: args.privateSubnetIds,
      rootVolumeGiB: args.rootVolumeGiB ?? WEB_TIER_DEFAULTS.rootVolumeGiB,
      kmsKeyArn: args.kmsKeyArn,
      detailedMonitoring: args.detailedMonitoring ?? WEB_TIER_DEFAULTS.detailedMonitoring,
      tags: { ...tags, ...args.launchedTags },
      parent: this,
    };
    const warmupSeconds = args.scaling.warmupSeconds ?? WEB_TIER_DEFAULTS.scaling.warmupSeconds;
    // The grace period covers the estimated boot of what the user data renders, unless set.
    const checks = { intervalSeconds: healthCheck.intervalSeconds ?? WEB_TIER_DEFAULTS.healthCheck.intervalSeconds, healthyThreshold: HEALTHY_THRESHOLD };
    const gracePeriod = (rendered: pulumi.Output<string>, instanceType: string, web: boolean): pulumi.Input<number> =>
      healthCheck.gracePeriodSeconds ?? rendered.apply((text) =>
        gracePeriodFor(estimateBoot(instanceType, renderedBootSteps(text, web ? checks : undefined), args.bootAssumptions)));
    // A web container gets the load balancer's deregistration delay to finish its requests.
    const webUserData = userData("web", args.app, appLogs, deregistrationDelaySeconds);
    this.web = createInstanceGroup({
      ...common,
      name: `${name}-web`,
      instanceType: args.instanceType,
      userData: webUserData,
      drainHeartbeatSeconds: drainHeartbeatSeconds(deregistrationDelaySeconds),
      min: args.scaling.min,
      max: args.scaling.max,
      desired: args.scaling.desired,
      warmupSeconds,
      // Until the HTTPS listener exists the target group is not attached to the load balancer,
      // so its health checks cannot judge the instances yet.
      targetGroupArns: [lb.targetGroup.arn],
      loadBalancerHealthChecks: lb.httpsListener !== undefined,
      // Instances need their permissions at boot, and the target group joins the load balancer
      // through the listener.
      dependsOn: lb.httpsListener ? [rolePolicy, lb.httpsListener] : [rolePolicy],
      healthCheckGracePeriodSeconds: gracePeriod(webUserData, args.instanceType, true),
      groupTags,
      schedules: args.scaling.schedules ?? [],
    });
    this.webGroupName = this.web.group.name;
    this.loadBalancerDnsName = lb.loadBalancer.dnsName;
    this.loadBalancerArnSuffix = lb.loadBalancer.arnSuffix;
    this.targetGroupArnSuffix = lb.targetGroup.arnSuffix;

    const cpuTarget = args.scaling.cpuTarget ?? WEB_TIER_DEFAULTS.scaling.cpuTarget;
    const disableScaleIn = !(args.scaling.scaleIn ?? WEB_TIER_DEFAULTS.scaling.scaleIn);
    if (cpuTarget > 0) {
      new aws.autoscaling.Policy(`${name}-web-cpu`, {
        autoscalingGroupName: this.web.group.name,
        policyType: "TargetTrackingScaling",
        estimatedInstanceWarmup: warmupSeconds,
        targetTrackingConfiguration: {
          targetValue: cpuTarget,
          disableScaleIn,
          predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        },
      }, parent);
    }
    if (args.scaling.requestsPerTarget && lb.httpsListener) {
      new aws.autoscaling.Policy(`${name}-web-requests`, {
        autoscalingGroupName: this.web.group.name,
        policyType: "TargetTrackingScaling",
        estimatedInstanceWarmup: warmupSeconds,
        targetTrackingConfiguration: {
          targetValue: args.scaling.requestsPerTarget,
          disableScaleIn,
          predefinedMetricSpecification: {
            predefinedMetricType: "ALBRequestCountPerTarget",
            resourceLabel: pulumi.interpolate`${lb.loadBalancer.arnSuffix}/${lb.targetGroup.arnSuffix}`,
          },
        },
      }, parent);
    }

    if (args.workers && this.queue && workerLogs) {
      const workers = args.workers;
      const workerType = workers.instanceType ?? args.instanceType;
      const workerUserData = userData("worker", { ...args.app, command: workers.command }, workerLogs, workers.stopTimeoutSeconds ?? WEB_TIER_DEFAULTS.workers.stopTimeoutSeconds);
      this.workers = createInstanceGroup({
        ...common,
        name: `${name}-worker`,
        instanceType: workerType,
        userData: workerUserData,
        drainHeartbeatSeconds: drainHeartbeatSeconds(workers.stopTimeoutSeconds ?? WEB_TIER_DEFAULTS.workers.stopTimeoutSeconds),
        dependsOn: [rolePolicy],
        min: workers.min ?? WEB_TIER_DEFAULTS.workers.min,
        max: workers.max ?? WEB_TIER_DEFAULTS.workers.max,
        warmupSeconds,
        healthCheckGracePeriodSeconds: gracePeriod(workerUserData, workerType, false),
        groupTags,
        schedules: [],
      });
      const queue = this.queue.queue;
      new aws.autoscaling.Policy(`${name}-worker-backlog`, {
        autoscalingGroupName: this.workers.group.name,
        policyType: "TargetTrackingScaling",
        estimatedInstanceWarmup: warmupSeconds,
        targetTrackingConfiguration: {
          targetValue: workers.messagesPerWorker ?? WEB_TIER_DEFAULTS.workers.messagesPerWorker,
          customizedMetricSpecification: {
            metrics: [
              {
                id: "visible",
                returnData: false,
                metricStat: {
                  stat: "Sum",
                  metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: [{ name: "QueueName", value: queue.name }] },
                },
              },
              {
                id: "workers",
                returnData: false,
                metricStat: {
                  stat: "Average",
                  metric: { namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances", dimensions: [{ name: "AutoScalingGroupName", value: this.workers.group.name }] },
                },
              },
              { id: "backlog", expression: "visible / workers", label: "Visible messages per worker", returnData: true },
            ],
          },
        },
      }, parent);
    }

    // Completing the drain's lifecycle action, on exactly the tier's groups.
    new aws.iam.RolePolicy(`${name}-instances-drain`, {
      role: role.id,
      policy: pulumi.all([this.web.group.arn, this.workers?.group.arn])
        .apply(([web, worker]) => JSON.stringify(drainPolicyDocument([web, ...(worker ? [worker] : [])]))),
    }, parent);

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
