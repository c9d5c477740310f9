/**
 * The least-privilege permissions of the tier's instances, as an IAM policy document: their own
 * log groups, the secrets and parameters their container references, the tenant key, their image
 * repository and their queue. Session Manager comes from the AWS managed policy next to it.
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
}

interface Statement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)/;

export function instancePolicyDocument(inputs: InstancePolicyInputs): { Version: string; Statement: Statement[] } {
  const { partition, region, accountId } = inputs;
  const statements: Statement[] = [
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
  const secretArns = inputs.secretReferences.filter((ref) => ref.startsWith("arn:")).map((arn) => `${arn}*`);
  if (secretArns.length > 0) {
    statements.push({ Sid: "ReadOwnSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secretArns });
  }
  const parameterArns = inputs.secretReferences
    .filter((ref) => ref.startsWith("ssm:"))
    .map((ref) => `arn:${partition}:ssm:${region}:${accountId}:parameter${ref.slice("ssm:".length)}`);
  if (parameterArns.length > 0) {
    statements.push({ Sid: "ReadOwnParameters", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: parameterArns });
  }
  if (inputs.kmsKeyArn && (secretArns.length > 0 || parameterArns.length > 0 || inputs.queueArns.length > 0)) {
    statements.push({ Sid: "UseTenantKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: inputs.kmsKeyArn });
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
  return { Version: "2012-10-17", Statement: statements };
}
