/**
 * The least-privilege permissions of the tier's instances, as an IAM policy document: their own
 * log groups, the secrets and parameters their container references, the tenant key (through those
 * services only), their image repository and their queue, and Session Manager. (The managed
 * AmazonSSMManagedInstanceCore policy is not used: it reads every SSM parameter in the account.)
 */

export interface InstancePolicyInputs {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Log groups the instances write to. */
  readonly logGroupArns: readonly string[];
  /** Secret references of the container (Secrets Manager ARNs and `ssm:/path` parameters). */
  readonly secretReferences: readonly string[];
  /** The tenant key (decrypts parameters and secrets encrypted with it). */
  readonly kmsKeyArn?: string;
  /** The container image, for pull permissions when it lives in ECR. */
  readonly image: string;
  /** Queues the instances send to and receive from. */
  readonly queueArns: readonly string[];
  /**
   * The tag carried by the tier's Auto Scaling groups (and no other group): the instances may
   * report their own health (SetInstanceHealth) to groups with this tag only. @default none
   */
  readonly healthReportTag?: { readonly key: string; readonly value: string };
}

/** The tag key marking the groups whose instances report their own health. */
export const HEALTH_REPORT_TAG_KEY = "tenant-platform:health-reporter";

interface Statement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/**
 * IAM resources for a secret ARN: exact when it ends in the 6-character suffix Secrets Manager
 * adds, and the name followed by that suffix (`-??????`, never a bare `*` that would match other
 * secrets sharing the prefix).
 */
export function secretResources(arn: string): string[] {
  return /-[A-Za-z0-9]{6}$/.test(arn) ? [arn, `${arn}-??????`] : [`${arn}-??????`];
}

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)/;

export function instancePolicyDocument(inputs: InstancePolicyInputs): { Version: string; Statement: Statement[] } {
  const { partition, region, accountId } = inputs;
  const statements: Statement[] = [
    {
      Sid: "SessionManager",
      Effect: "Allow",
      Action: [
        "ssm:UpdateInstanceInformation",
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
      ],
      Resource: "*",
    },
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      Resource: inputs.logGroupArns.flatMap((arn) => [arn, `${arn}:*`]),
    },
    {
      Sid: "PublishAgentMetrics",
      Effect: "Allow",
      Action: ["cloudwatch:PutMetricData"],
      Resource: "*",
      Condition: { StringEquals: { "cloudwatch:namespace": "CWAgent" } },
    },
  ];
  const secretArns = [...new Set(inputs.secretReferences.filter((ref) => ref.startsWith("arn:")).flatMap((ref) => secretResources(ref.split("#")[0]!)))];
  if (secretArns.length > 0) {
    statements.push({ Sid: "ReadOwnSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secretArns });
  }
  const parameterArns = inputs.secretReferences
    .filter((ref) => ref.startsWith("ssm:"))
    .map((ref) => `arn:${partition}:ssm:${region}:${accountId}:parameter${ref.slice("ssm:".length)}`);
  if (parameterArns.length > 0) {
    statements.push({ Sid: "ReadOwnParameters", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: parameterArns });
  }
  const viaServices = [
    ...(secretArns.length > 0 ? [`secretsmanager.${region}.amazonaws.com`] : []),
    ...(parameterArns.length > 0 ? [`ssm.${region}.amazonaws.com`] : []),
    ...(inputs.queueArns.length > 0 ? [`sqs.${region}.amazonaws.com`] : []),
  ];
  if (inputs.kmsKeyArn && viaServices.length > 0) {
    statements.push({
      Sid: "UseTenantKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: inputs.kmsKeyArn,
      // Only through the services holding the tenant's secrets and messages, never directly.
      Condition: { StringEquals: { "kms:ViaService": viaServices } },
    });
  }
  const ecr = ECR_IMAGE.exec(inputs.image);
  if (ecr) {
    statements.push(
      { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
      {
        Sid: "PullOwnImage",
        Effect: "Allow",
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
        Resource: `arn:${partition}:ecr:${ecr[2]}:${ecr[1]}:repository/${ecr[3]}`,
      },
    );
  }
  if (inputs.queueArns.length > 0) {
    statements.push({
      Sid: "UseOwnQueue",
      Effect: "Allow",
      Action: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
      Resource: [...inputs.queueArns],
    });
  }
  if (inputs.healthReportTag) {
    // SetInstanceHealth takes the autoScalingGroup resource and the autoscaling:ResourceTag/<key>
    // condition (Service Authorization Reference, "Actions, resources, and condition keys for
    // Amazon EC2 Auto Scaling"; https://docs.aws.amazon.com/autoscaling/ec2/userguide/tag-security.html).
    // The group names are generated, and the groups need this policy before their first instance,
    // so the groups are named by their tag.
    statements.push({
      Sid: "ReportOwnHealth",
      Effect: "Allow",
      Action: ["autoscaling:SetInstanceHealth"],
      Resource: `arn:${partition}:autoscaling:${region}:${accountId}:autoScalingGroup:*:autoScalingGroupName/*`,
      Condition: { StringEquals: { [`autoscaling:ResourceTag/${inputs.healthReportTag.key}`]: inputs.healthReportTag.value } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * What the drain script needs when the tier's groups terminate an instance: the name of its group
 * (DescribeAutoScalingInstances, which supports no resource-level permissions: Resource "*") and
 * completing the lifecycle action on exactly the tier's groups (CompleteLifecycleAction takes the
 * autoScalingGroup resource). Service Authorization Reference, "Actions, resources, and condition
 * keys for Amazon EC2 Auto Scaling"
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2autoscaling.html).
 * A policy of its own, attached once the groups exist: their ARNs carry an id Auto Scaling assigns.
 */
export function drainPolicyDocument(groupArns: readonly string[]): { Version: string; Statement: Statement[] } {
  if (groupArns.length === 0) throw new RangeError("the drain policy needs the ARNs of the groups");
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "FindOwnGroup", Effect: "Allow", Action: ["autoscaling:DescribeAutoScalingInstances"], Resource: "*" },
      { Sid: "CompleteOwnLifecycleActions", Effect: "Allow", Action: ["autoscaling:CompleteLifecycleAction"], Resource: [...groupArns] },
    ],
  };
}
