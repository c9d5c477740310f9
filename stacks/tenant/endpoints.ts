import type { TenantSpec } from "../spec/tenant-schema";

/**
 * Interface endpoints a tenant needs because its private subnets have no NAT: what the instances
 * call at boot and at run time (Session Manager, ECR, logs, metrics, secrets, the queue).
 * S3 (ECR layers, Amazon Linux packages) goes through the gateway endpoint every network has.
 */
export function interfaceEndpointsFor(spec: TenantSpec): string[] {
  if (spec.network.nat !== "none" || !spec.web) return [];
  const services = ["ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "logs", "monitoring", "sts"];
  if (Object.values(spec.web.app.secrets).some((ref) => ref.startsWith("arn:"))) services.push("secretsmanager");
  if (spec.web.workers) services.push("sqs");
  return services;
}
