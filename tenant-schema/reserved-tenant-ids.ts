/**
 * Tenant ids the platform keeps: the deploy role may create and change the IAM roles named
 * `<tenant id>-*` (policies/deploy-permissions/policy-documents.ts), so an id whose pattern covers a
 * role or policy of the bootstrap (tenant-schema/platform-names.ts) would let a deploy rewrite
 * the platform's own roles.
 */
import { platformNamesCoveredBy } from "./platform-names";

/** Why `id` may not be a tenant id, or undefined. */
export function reservedTenantIdProblem(id: string): string | undefined {
  const covered = platformNamesCoveredBy(id);
  if (covered.length === 0) return undefined;
  return `"${id}" is reserved: the deploy role may change IAM roles named "${id}-*", which would include the platform's own ${covered.join(", ")}; choose another file name (tenant id)`;
}
