import type { TenantSpec } from "../../tenant-schema/tenant-schema";

/**
 * Interface endpoints a tenant needs because its private subnets have no NAT: every AWS API the
 * instances call at boot and at run time, derived from what they use.
 *
 * - `ssm`, `ssmmessages`, `ec2messages`: Session Manager's agent (and `ssm:` secret parameters);
 *   the agent needs all three without internet access (Systems Manager user guide, "Use VPC
 *   endpoints": ec2messages for agents before 3.3.40.0).
 * - `ecr.api`, `ecr.dkr`: the image pull (validation requires an ECR image in aws.region without
 *   NAT); its layers come from S3 through the gateway endpoint every network has (ECR user guide,
 *   "Amazon ECR interface VPC endpoints": "Amazon ECR uses Amazon S3 to store your image layers").
 * - `logs`, `monitoring`: the awslogs driver and the CloudWatch agent.
 * - `secretsmanager`: the app's own Secrets Manager references *and* the platform's, which are
 *   always there with a database (the platform's master secret) or a cache (its AUTH token).
 * - `autoscaling`: every instance's heartbeat marks it unhealthy when its container stopped
 *   (`set-instance-health`; interface endpoint `com.amazonaws.<region>.autoscaling`, Amazon EC2
 *   Auto Scaling user guide, "Create an interface VPC endpoint").
 * - `sqs`: the workers' queue. `email`: the SES API (`email.<region>.amazonaws.com`, AWS general
 *   reference "Amazon SES endpoints"; interface endpoint service `com.amazonaws.<region>.email`,
 *   AWS Messaging blog "Enhance email security using VPC endpoints with Amazon SES") when mail is on.
 *
 * Not needed: KMS, because the instances never call it themselves (the tenant key is used
 * through Secrets Manager, SSM and SQS only, `kms:ViaService` in the instance policy, and those
 * services call KMS); STS, because instance credentials come from the instance metadata service.
 * S3 (media, the tenant's own export bucket, ECR layers) is in aws.region and goes through the
 * S3 gateway endpoint; buckets in other regions cannot be reached without NAT, which the fleet
 * check refuses (`importReachabilityIssues`).
 */
export function interfaceEndpointsFor(spec: TenantSpec): string[] {
  if (spec.network.nat !== "none" || !spec.web) return [];
  const services = ["ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "logs", "monitoring", "autoscaling"];
  const ownSecrets = Object.values(spec.web.app.secrets).some((ref) => ref.startsWith("arn:"));
  if (ownSecrets || spec.database || spec.cache) services.push("secretsmanager");
  if (spec.web.workers) services.push("sqs");
  if (spec.mail) services.push("email");
  return services.sort();
}
