/** The target tracking policies of the tier's groups: CPU and requests on the web, backlog on the workers. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ScalingArgs, WorkersArgs } from "./args";
import type { LoadBalancerParts } from "./load-balancer";

/**
 * `<name>-web-cpu` (unless `cpuTarget` is 0) and `<name>-web-requests` (with `requestsPerTarget`,
 * once the HTTPS listener serves the target group).
 */
export function createWebScalingPolicies(name: string, scaling: ScalingArgs, group: aws.autoscaling.Group, lb: LoadBalancerParts, parent: pulumi.Resource): void {
  const opts = { parent };
  const disableScaleIn = !scaling.scaleIn;
  if (scaling.cpuTarget > 0) {
    new aws.autoscaling.Policy(`${name}-web-cpu`, {
      autoscalingGroupName: group.name,
      policyType: "TargetTrackingScaling",
      estimatedInstanceWarmup: scaling.warmupSeconds,
      targetTrackingConfiguration: {
        targetValue: scaling.cpuTarget,
        disableScaleIn,
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
      },
    }, opts);
  }
  if (scaling.requestsPerTarget && lb.httpsListener) {
    new aws.autoscaling.Policy(`${name}-web-requests`, {
      autoscalingGroupName: group.name,
      policyType: "TargetTrackingScaling",
      estimatedInstanceWarmup: scaling.warmupSeconds,
      targetTrackingConfiguration: {
        targetValue: scaling.requestsPerTarget,
        disableScaleIn,
        predefinedMetricSpecification: {
          predefinedMetricType: "ALBRequestCountPerTarget",
          resourceLabel: pulumi.interpolate`${lb.loadBalancer.arnSuffix}/${lb.targetGroup.arnSuffix}`,
        },
      },
    }, opts);
  }
}

/** `<name>-worker-backlog`: keeps the queue's visible messages per in-service worker at `messagesPerWorker`. */
export function createBacklogPolicy(name: string, workers: WorkersArgs, group: aws.autoscaling.Group, queue: aws.sqs.Queue, warmupSeconds: number, parent: pulumi.Resource): aws.autoscaling.Policy {
  return new aws.autoscaling.Policy(`${name}-worker-backlog`, {
    autoscalingGroupName: group.name,
    policyType: "TargetTrackingScaling",
    estimatedInstanceWarmup: warmupSeconds,
    targetTrackingConfiguration: {
      targetValue: workers.messagesPerWorker,
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
              metric: { namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances", dimensions: [{ name: "AutoScalingGroupName", value: group.name }] },
            },
          },
          { id: "backlog", expression: "visible / workers", label: "Visible messages per worker", returnData: true },
        ],
      },
    },
  }, { parent });
}
