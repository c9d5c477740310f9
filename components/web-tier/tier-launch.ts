/**
 * What the web and worker groups share: the image, network, instance profile, volumes and tags,
 * and the user data each renders (the container with the platform's connections and the queue;
 * nginx's site on the web), with the health check grace period derived from it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { amazonLinuxParameter, architectureOf } from "./architecture";
import type { WebTierArgs } from "./args";
import { estimateBoot, gracePeriodFor } from "./boot-estimate";
import { renderedBootSteps } from "./boot-steps";
import { pinnedImage } from "./image-pin";
import type { InstanceGroupArgs } from "./instance-group";
import { HEALTHY_THRESHOLD } from "./load-balancer";
import { renderNginxSite } from "./nginx-config";
import type { CloudflareRanges } from "./security-groups";
import { PATHS, renderUserData, type AppContainer, type InstanceRole } from "./user-data";
import { QUEUE_NAME_ENV, QUEUE_URL_ENV, type WorkerQueue } from "./worker-queue";

/** The settings of {@link InstanceGroupArgs} both groups share. */
export type SharedGroupSettings = Pick<InstanceGroupArgs,
  "imageId" | "securityGroupId" | "instanceProfileArn" | "subnetIds" | "rootVolumeGiB" | "kmsKeyArn" | "detailedMonitoring" | "tags" | "parent">;

export interface TierLaunch {
  readonly shared: SharedGroupSettings;
  /** A group's user data: its role, the container it runs, its log group, the seconds the container gets to stop. */
  userData(role: InstanceRole, app: AppContainer, appLogGroup: aws.cloudwatch.LogGroup, stopTimeoutSeconds: number): pulumi.Output<string>;
  /** A group's health check grace period: the tier's, else a third above the estimated boot of what its user data renders. */
  gracePeriod(rendered: pulumi.Output<string>, instanceType: string, role: InstanceRole): pulumi.Input<number>;
}

/**
 * The tier's launch settings. Without `imageId` the image is the latest Amazon Linux 2023 of the
 * architecture (its SSM public parameter), and an ECR image named by tag runs by its digest.
 */
export function tierLaunch(args: WebTierArgs, inputs: {
  nginxLogs: aws.cloudwatch.LogGroup;
  cloudflareRanges: pulumi.Output<CloudflareRanges>;
  securityGroupId: pulumi.Input<string>;
  instanceProfileArn: pulumi.Input<string>;
  queue: WorkerQueue | undefined;
  parent: pulumi.Resource;
}): TierLaunch {
  const architecture = args.architecture ?? architectureOf(args.instanceType);
  const imageId = args.imageId ?? aws.ssm.getParameterOutput({ name: amazonLinuxParameter(architecture) }, { parent: inputs.parent }).value;
  const containerOf = connectedContainer(args, pinnedImage(args.app.image, inputs.parent), inputs.queue);
  const healthPath = args.healthCheck.path;
  const userData = (role: InstanceRole, app: AppContainer, appLogGroup: aws.cloudwatch.LogGroup, stopTimeoutSeconds: number) =>
    pulumi.all([containerOf(app), inputs.cloudflareRanges, appLogGroup.name, inputs.nginxLogs.name]).apply(([container, ranges, appLogName, nginxLogName]) =>
      renderUserData({
        role,
        region: args.region,
        architecture,
        app: container,
        appLogGroup: appLogName,
        stopTimeoutSeconds,
        healthPath,
        ...(role === "web"
          ? {
              nginxLogGroup: nginxLogName,
              nginxSite: renderNginxSite({
                appPort: container.port,
                upstreamInclude: PATHS.nginxUpstream,
                livenessPath: healthPath,
                // One number for how long a request may take: nginx waits this long for the
                // application and the load balancer lets a leaving instance finish its requests this long.
                readTimeoutSeconds: args.loadBalancer.deregistrationDelaySeconds,
                proxyCidrs: [args.vpcCidrBlock],
                // Sorted: a reordered list from Cloudflare must not roll the fleet.
                cloudflareCidrs: [...ranges.ipv4Cidrs].sort().concat([...ranges.ipv6Cidrs].sort()),
              }),
            }
          : {}),
      }));
  // The grace period covers the estimated boot of what the user data renders, unless set.
  const checks = { intervalSeconds: args.healthCheck.intervalSeconds, healthyThreshold: HEALTHY_THRESHOLD };
  const gracePeriod = (rendered: pulumi.Output<string>, instanceType: string, role: InstanceRole): pulumi.Input<number> =>
    args.healthCheck.gracePeriodSeconds ?? rendered.apply((text) =>
      gracePeriodFor(estimateBoot(instanceType, renderedBootSteps(text, role === "web" ? checks : undefined), args.bootAssumptions)));
  return {
    shared: {
      imageId,
      securityGroupId: inputs.securityGroupId,
      instanceProfileArn: inputs.instanceProfileArn,
      subnetIds: args.privateSubnetIds,
      rootVolumeGiB: args.rootVolumeGiB,
      kmsKeyArn: args.kmsKeyArn,
      detailedMonitoring: args.detailedMonitoring,
      tags: { ...args.tags, ...args.launchedTags },
      parent: inputs.parent,
    },
    userData,
    gracePeriod,
  };
}

/**
 * The container's full environment: the app's own, the platform's connections, the queue (its URL
 * and name, for predefined queues: a Celery worker then never calls ListQueues or CreateQueue,
 * which the role does not grant; see docs/instance-runtime.md).
 */
function connectedContainer(args: WebTierArgs, image: pulumi.Output<string>, queue: WorkerQueue | undefined): (app: AppContainer) => pulumi.Output<AppContainer> {
  const connectionEnv = pulumi.output(args.connectionEnv ?? {});
  const connectionSecrets = pulumi.output(args.connectionSecrets ?? {});
  return (app) =>
    pulumi.all([pulumi.output(queue?.queue.url), pulumi.output(queue?.queue.name), connectionEnv, connectionSecrets, image])
      .apply(([queueUrl, queueName, env, secrets, pinned]) => ({
        ...app,
        image: pinned,
        env: { ...app.env, ...env, ...(queueUrl && queueName ? { [QUEUE_URL_ENV]: queueUrl, [QUEUE_NAME_ENV]: queueName } : {}) },
        secrets: { ...app.secrets, ...secrets },
      }));
}
