/** CloudWatch Logs retention values, ACM's name quota and Elastic Load Balancing name rules. */

/**
 * Retention periods CloudWatch Logs accepts, in days (PutRetentionPolicy, `retentionInDays`
 * "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
 * 2192, 2557, 2922, 3288, and 3653", https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html;
 * the provider validates the same list plus 0 for "never expire": terraform-provider-aws
 * internal/service/logs/group.go, `retention_in_days`).
 */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** True when CloudWatch Logs accepts `days` as a log group's retention (0 or unset: never expire). */
export function isLogRetention(days: number): boolean {
  return days === 0 || (LOG_RETENTION_DAYS as readonly number[]).includes(days);
}

/**
 * Domain names per ACM certificate (the first is the subject, all are subject alternative names):
 * default quota 10, raisable through Service Quotas up to 100 (ACM User Guide, "Quotas",
 * https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html).
 */
export const ACM_DEFAULT_NAMES_PER_CERTIFICATE = 10;

/**
 * Load balancer and target group names: at most 32 letters, digits and hyphens, not starting or
 * ending with a hyphen; a load balancer's may not start with `internal-` (terraform-provider-aws
 * internal/service/elbv2/validate.go, `validName` / `validTargetGroupName`; ELB API
 * CreateLoadBalancer and CreateTargetGroup, Name constraints).
 */
export function elbNameProblems(name: string, kind: "load balancer" | "target group"): string[] {
  const problems: string[] = [];
  if (name.length < 1 || name.length > 32) problems.push("is 1 to 32 characters");
  if (!/^[0-9A-Za-z-]*$/.test(name)) problems.push("holds only letters, digits and hyphens");
  if (name.startsWith("-") || name.endsWith("-")) problems.push("neither starts nor ends with a hyphen");
  if (kind === "load balancer" && name.startsWith("internal-")) problems.push('does not start with "internal-"');
  return problems;
}
