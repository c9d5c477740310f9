/**
 * Names of a database generation. The first generation keeps the names it always had
 * (`<name>-db`, identifier as given); a later one, restored next to it, takes its own
 * (`<name>-db-g2`, `<identifier>-g2`), so both exist side by side and neither is renamed.
 */

/** The RDS identifier of a tenant's first database generation: `<tenant>-db`. */
export function tenantDatabaseIdentifier(tenantId: string): string {
  return `${tenantId}-db`;
}

/** Logical name and physical identifier of one generation of the primary. */
export interface GenerationNames {
  readonly generation: number;
  /** Pulumi logical name of its instance (and prefix of its log groups and replicas). */
  readonly logicalName: string;
  /** RDS identifier (`DBInstanceIdentifier`); replicas append `-replica-N`. */
  readonly identifier: string;
}

/** The names of `generation` for a database component `name` whose first identifier is `identifier`. */
export function generationNames(name: string, identifier: string, generation: number): GenerationNames {
  if (!Number.isInteger(generation) || generation < 1) throw new RangeError(`${name}: a database generation is a whole number from 1; got ${generation}`);
  const suffix = generation === 1 ? "" : `-g${generation}`;
  return { generation, logicalName: `${name}-db${suffix}`, identifier: `${identifier}${suffix}` };
}

/** Identifiers of the read replicas of a primary, one per replica (`<identifier>-replica-N`). */
export function replicaIdentifiers(primary: GenerationNames, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${primary.identifier}-replica-${i + 1}`);
}
