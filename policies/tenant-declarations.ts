/**
 * Where the CrossGuard pack finds the tenant's declarations: the stack name (from the resources'
 * URNs) names the tenant file, `tenants/<stack>.yaml` next to the pack.
 */
import * as path from "node:path";
import { loadTenantFile } from "../tenant-schema/load-tenant";
import { declarationsFromSpec, type TenantDeclarations } from "./declarations";
import type { StackResource } from "./stack-view";

/** The stack a URN belongs to (`urn:pulumi:<stack>::<project>::…`). */
export function stackOfUrn(urn: string): string | undefined {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

/** Reads the declarations of the stack's tenant file in `tenantsDir`; undefined when there is no valid one. */
export function declarationsFromTenantFile(resources: readonly StackResource[], tenantsDir: string): TenantDeclarations | undefined {
  const stack = resources[0] ? stackOfUrn(resources[0].urn) : undefined;
  if (!stack) return undefined;
  const loaded = loadTenantFile(path.join(tenantsDir, `${stack}.yaml`));
  return loaded.ok ? declarationsFromSpec(loaded.tenant.spec) : undefined;
}
