import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../shared/naming";

export { QUEUE_NAME_ENV, QUEUE_URL_ENV } from "./queue-env";

export interface WorkerQueue {
  readonly queue: aws.sqs.Queue;
  readonly deadLetterQueue: aws.sqs.Queue;
}

/**
 * The workers' queue and its dead-letter queue, both encrypted with the tenant key (or SQS-managed
 * keys without one). Messages that fail `maxReceiveCount` times move to the dead-letter queue and
 * stay there 14 days for inspection.
 */
export function createWorkerQueue(args: {
  name: string;
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
  kmsKeyArn?: pulumi.Input<string>;
  tags: Record<string, string> | undefined;
  parent: pulumi.Resource;
}): WorkerQueue {
  const { name, tags } = args;
  const encryption = args.kmsKeyArn
    ? { kmsMasterKeyId: args.kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 }
    : { sqsManagedSseEnabled: true };
  const deadLetterQueue = new aws.sqs.Queue(`${name}-dead-letters`, {
    messageRetentionSeconds: 14 * 24 * 3600,
    ...encryption,
    tags: nameTags(`${name}-dead-letters`, tags),
  }, { parent: args.parent });
  const queue = new aws.sqs.Queue(`${name}-jobs`, {
    visibilityTimeoutSeconds: args.visibilityTimeoutSeconds,
    messageRetentionSeconds: 4 * 24 * 3600,
    receiveWaitTimeSeconds: 20,
    redrivePolicy: deadLetterQueue.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: args.maxReceiveCount })),
    ...encryption,
    tags: nameTags(`${name}-jobs`, tags),
  }, { parent: args.parent });
  return { queue, deadLetterQueue };
}
