/**
 * The RDS identifiers of the canary's database, by the program's own naming rule
 * (components/database/generation.ts: the identifier the tenant's program gives its database and
 * the name of each generation), so that a change of the rule moves the acceptance run with it.
 */
import { generationNames, tenantDatabaseIdentifier } from "../../components/database/generation";
import { databaseSection } from "../../tenant-schema/sections/database";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";

/** The highest database generation a tenant file may declare (the schema's bound). */
const MAX_GENERATION = (() => {
  const bound = databaseSection.shape.generation.unwrap().maxValue;
  if (bound === null || !Number.isFinite(bound)) throw new Error("database.generation has no upper bound in the schema: the acceptance run could not list a tenant's database identifiers");
  return bound;
})();

/** The RDS identifier of the primary of one generation of a tenant's database. */
export function generationIdentifier(tenantId: string, generation: number): string {
  return generationNames(tenantId, tenantDatabaseIdentifier(tenantId), generation).identifier;
}

/** The RDS identifier of the primary a tenant file's program creates (its `database.generation`), or undefined without a database. */
export function databaseIdentifierOf(spec: TenantSpec): string | undefined {
  return spec.database && generationIdentifier(spec.id, spec.database.generation);
}

/** Whether an RDS identifier is the primary of any generation a tenant's file may declare (not a replica's, not another tenant's). */
export function isTenantDatabaseIdentifier(tenantId: string, identifier: string): boolean {
  for (let generation = 1; generation <= MAX_GENERATION; generation++) {
    if (generationIdentifier(tenantId, generation) === identifier) return true;
  }
  return false;
}
