/**
 * The role a tenant's AWS provider assumes. `pulumi up` assumes the tenant's `aws.deployRoleArn`;
 * the preview and drift jobs, whose own roles may not assume it (it trusts the production role
 * only), set {@link PROVIDER_ROLE_NAME_ENV} to the read-only role of the same account that trusts
 * them (`READER_ROLE_NAMES`, created by the bootstrap next to the deploy role). The drift check
 * runs the program (`refresh --run-program`), so the provider is built here, not from the
 * `assumeRoles` saved in the stack's state.
 */
import * as pulumi from "@pulumi/pulumi";
import { READER_ROLE_NAMES } from "../tenant-schema/platform-names";

/** The environment variable naming the role to assume in place of the deploy role. */
export const PROVIDER_ROLE_NAME_ENV = "TENANT_PLATFORM_AWS_ROLE_NAME";

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?[\w+=,.@-]+$/;

/**
 * The role ARN the provider assumes: the deploy role, or, with `roleName` (the environment
 * variable's value), the reader role of that name in the deploy role's account. Refuses (a
 * `RunError`: its message, no stack trace) a name that is not one of the reader roles.
 */
export function providerRoleArn(deployRoleArn: string, roleName: string | undefined): string {
  if (roleName === undefined || roleName === "") return deployRoleArn;
  const readers: readonly string[] = Object.values(READER_ROLE_NAMES);
  if (!readers.includes(roleName)) {
    throw new pulumi.RunError(`${PROVIDER_ROLE_NAME_ENV}=${roleName}: must be one of ${readers.join(", ")} (the read-only roles the bootstrap creates), or unset for the deploy role`);
  }
  const match = ROLE_ARN.exec(deployRoleArn);
  if (!match) throw new pulumi.RunError(`aws.deployRoleArn ${deployRoleArn}: not an IAM role ARN, so ${PROVIDER_ROLE_NAME_ENV} has no account to find ${roleName} in`);
  return `arn:${match[1]}:iam::${match[2]}:role/${roleName}`;
}
