/**
 * The instances' role (web and workers share it): the permissions they need at boot, their
 * instance profile, and, once the groups exist, the permission to complete their drain.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../shared/naming";
import type { WebTierArgs } from "./args";
import type { InstanceGroup } from "./instance-group";
import { drainPolicyDocument, instancePolicyDocument } from "./instance-policy";
import type { WorkerQueue } from "./worker-queue";

/** The tier's log groups: the app's and nginx's, and the workers' when there are workers. */
export interface TierLogs {
  readonly app: aws.cloudwatch.LogGroup;
  readonly nginx: aws.cloudwatch.LogGroup;
  readonly worker?: aws.cloudwatch.LogGroup;
}

export interface InstanceRoleParts {
  readonly role: aws.iam.Role;
  /** What the instances may do (logs, secrets, key, image, queue, health reports): needed at boot. */
  readonly policy: aws.iam.RolePolicy;
  readonly profile: aws.iam.InstanceProfile;
}

/** The role `<name>-instances`, its policy and its instance profile. */
export function createInstanceRole(inputs: {
  name: string;
  args: WebTierArgs;
  logs: TierLogs;
  queue: WorkerQueue | undefined;
  /** The tag of the tier's groups: the instances may report their own health to these only. */
  healthReportTag: { key: string; value: string };
  parent: pulumi.Resource;
}): InstanceRoleParts {
  const { name, args, logs } = inputs;
  const opts = { parent: inputs.parent };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const role = new aws.iam.Role(`${name}-instances`, {
    permissionsBoundary: args.permissionsBoundary,
    description: `Instances of ${name}`,
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: nameTags(`${name}-instances`, { ...args.tags, ...args.instanceRoleTags }),
  }, opts);
  const policy = new aws.iam.RolePolicy(`${name}-instances`, {
    role: role.id,
    policy: pulumi
      .all([identity, logs.app.arn, logs.nginx.arn, logs.worker?.arn, args.kmsKeyArn, inputs.queue?.queue.arn, pulumi.output(args.connectionSecrets ?? {})])
      .apply(([id, app, nginx, worker, kmsKeyArn, queueArn, extraSecrets]) => JSON.stringify(instancePolicyDocument({
        partition: id.arn.split(":")[1] ?? "aws",
        region: args.region,
        accountId: id.accountId,
        logGroupArns: [app, nginx, ...(worker ? [worker] : [])],
        secretReferences: [...Object.values(args.app.secrets ?? {}), ...Object.values(extraSecrets)],
        kmsKeyArn,
        image: args.app.image,
        queueArns: queueArn ? [queueArn] : [],
        healthReportTag: inputs.healthReportTag,
      }))),
  }, opts);
  const profile = new aws.iam.InstanceProfile(`${name}-instances`, { role: role.name, tags: nameTags(`${name}-instances`, args.tags) }, opts);
  return { role, policy, profile };
}

/** `<name>-instances-drain`: completing the drain's lifecycle action, on exactly the tier's groups. */
export function createDrainPolicy(name: string, role: aws.iam.Role, web: InstanceGroup, workers: InstanceGroup | undefined, parent: pulumi.Resource): aws.iam.RolePolicy {
  return new aws.iam.RolePolicy(`${name}-instances-drain`, {
    role: role.id,
    policy: pulumi.all([web.group.arn, workers?.group.arn])
      .apply(([webArn, workerArn]) => JSON.stringify(drainPolicyDocument([webArn, ...(workerArn ? [workerArn] : [])]))),
  }, { parent });
}
