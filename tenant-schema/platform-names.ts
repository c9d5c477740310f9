/**
 * The IAM names the bootstrap program gives an account's platform roles and policies. The deploy
 * policy lets a deploy create and change roles named `<tenant id>-*`, so no tenant id may make that
 * pattern cover one of these names (`platform` would cover `platform-deployer`, `tenant` the
 * workflow roles `tenant-platform-*`): the tenant file loader refuses such ids.
 */

/** The bootstrap's own Pulumi project (tools/bootstrap/Pulumi.yaml `name`). */
export const BOOTSTRAP_PROJECT = "tenant-platform-bootstrap";

/** Name prefix of the workflow roles, their policies and the state key alias. */
export const PLATFORM_PREFIX = "tenant-platform";

/** The deploy role's name (what tenants' `aws.deployRoleArn` names). */
export const DEPLOY_ROLE_NAME = "platform-deployer";

/**
 * The read-only roles of a tenant account that the preview and drift jobs' tenant providers assume
 * in place of the deploy role (same account as `aws.deployRoleArn`, this name): the preview's
 * without data reads, the drift check's with what a refresh reads.
 */
export const READER_ROLE_NAMES = { preview: "platform-previewer", drift: "platform-reader" } as const;

/** The workflow environments, each with its role `<prefix>-<environment>`. */
export const WORKFLOW_ENVIRONMENTS = ["preview", "production", "drift"] as const;

/** The managed policy every role a deploy creates must carry as its permissions boundary. */
export const TENANT_BOUNDARY_POLICY_NAME = `${PLATFORM_PREFIX}-tenant-boundary`;

/** Every role and policy name the bootstrap creates (its generated policies are `<role>-<n>`). */
export function platformIamNames(): string[] {
  const roles = [...WORKFLOW_ENVIRONMENTS.map((environment) => `${PLATFORM_PREFIX}-${environment}`), DEPLOY_ROLE_NAME, ...Object.values(READER_ROLE_NAMES)];
  return [...roles, ...roles.map((role) => `${role}-1`), TENANT_BOUNDARY_POLICY_NAME];
}

/** The platform names a tenant id's IAM pattern `<id>-*` would cover (none for a valid id). */
export function platformNamesCoveredBy(tenantId: string): string[] {
  return platformIamNames().filter((name) => name.startsWith(`${tenantId}-`) || name === tenantId);
}
