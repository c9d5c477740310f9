/**
 * The order of a side-by-side restore, checked between a tenant file and its previous version:
 * a new generation is created next to the running one (kept as `previous`), the application is
 * switched (`previous.state`), the previous one is retired (`retiring`, which lifts its
 * protection) and only then left out (deleted with its final snapshot). A restored generation that
 * turns out wrong while the previous one still serves is discarded the same way: `discard` lifts
 * its protection, then the file goes back to the previous generation or restores again. A skipped step is refused
 * here with the step to take, before the engine or RDS would refuse it half-way through a deploy:
 * the engine refuses to delete a protected resource (pulumi/pulumi pkg/resource/deploy/step.go,
 * `deleteProtectedError`), RDS one with deletion protection (DeleteDBInstance:
 * InvalidParameterCombination), and a second instance under a taken identifier (CreateDBInstance:
 * DBInstanceAlreadyExists).
 */
import type { DatabaseSpec } from "./sections/database";

const RUNBOOK = "docs/runbooks/restore.md";

/** Reports an issue at a key path of the database section. */
export type AddIssue = (path: PropertyKey[], message: string) => void;

/** The RDS identifier of a database generation of the tenant (`<tenant>-db`, `<tenant>-db-g<N>`). */
export type IdentifierOf = (generation: number) => string;

/** Issues of `now`'s database section for the restore steps it skips since `old`. */
export function restoreIssues(old: DatabaseSpec, now: DatabaseSpec, add: AddIssue, identifierOf: IdentifierOf): void {
  if (old.generation !== now.generation) {
    generationChange(old, now, add, identifierOf);
    return;
  }
  if (JSON.stringify(old.restore) !== JSON.stringify(now.restore) && now.restore !== undefined) {
    add(["database", "restore"], `applies only when a database is created; the running database (generation ${now.generation}) would not change. To restore next to it: generation: ${now.generation + 1} with this restore, and previous: { generation: ${now.generation}, state: serving } (${RUNBOOK}).`);
  }
  const [before, after] = [old.previous, now.previous];
  if (before && !after) {
    if (before.state !== "retiring") {
      add(["database"], `leaving previous out deletes generation ${before.generation} (a final snapshot is kept), which is protected while its state is ${before.state}: deploy previous: { generation: ${before.generation}, state: retiring, reason: "…" } on its own first (${RUNBOOK}).`);
    }
    return;
  }
  if (!before && after) {
    add(["database", "previous"], `names generation ${after.generation}, which does not run next to generation ${now.generation}: previous is added together with a new generation (${RUNBOOK}).`);
    return;
  }
  if (before && after && before.generation !== after.generation) {
    add(["database", "previous", "generation"], `was ${before.generation}: the previous database is fixed until it is retired. Keep ${before.generation}.`);
  }
}

function generationChange(old: DatabaseSpec, now: DatabaseSpec, add: AddIssue, identifierOf: IdentifierOf): void {
  const discarding = old.previous?.state === "serving" ? old.previous.generation : undefined;
  if (discarding !== undefined && (now.generation === discarding || now.generation > old.generation)) {
    discardIssues(old, now, discarding, add, identifierOf);
    return;
  }
  if (now.discard && now.generation > old.generation) {
    add(["database", "discard"], `would create generation ${now.generation} unprotected: discard applies to a generation that exists; deploy it on its own after checking the restored data (${RUNBOOK}).`);
  }
  if (now.generation < old.generation) {
    add(["database", "generation"], `goes back from ${old.generation} to ${now.generation}; generations only go up. To use generation ${now.generation} again while it runs, keep generation: ${old.generation} and set previous.state: serving.`);
    return;
  }
  if (old.previous) {
    add(["database", "generation"], `generation ${old.previous.generation} still runs next to generation ${old.generation}: retire it (previous.state: retiring, deploy, then leave previous out, deploy) before restoring again (${RUNBOOK}).`);
    return;
  }
  if (now.previous?.generation !== old.generation) {
    add(["database", "generation"], `changes ${old.generation} to ${now.generation}, which would delete the running database while the new one is created. Keep it running next to the new one: previous: { generation: ${old.generation}, state: serving } (${RUNBOOK}).`);
    return;
  }
  if (now.previous.state === "retiring") {
    add(["database", "previous", "state"], `retires generation ${old.generation} in the deploy that creates generation ${now.generation}: create it with state: serving, switch (kept), then retire in later deploys (${RUNBOOK}).`);
  }
  sourceIssues(old, now, add, old.generation, identifierOf(old.generation));
}

/**
 * Leaving a restored generation that turned out wrong while the previous one still serves: back
 * to the previous generation, or a new restore next to it. Either deletes the restored
 * generation, which the engine and RDS refuse while it is protected, so its protection must have
 * been lifted (`discard`) by the deployed file; the serving generation stays the same resource
 * (its logical name and identifier do not depend on which generation is current).
 */
function discardIssues(old: DatabaseSpec, now: DatabaseSpec, serving: number, add: AddIssue, identifierOf: IdentifierOf): void {
  const back = now.generation === serving;
  if (!old.discard) {
    const instead = back ? `goes back to generation ${serving}` : `restores generation ${now.generation} next to generation ${serving}`;
    add(["database", "generation"], `${instead}, which deletes generation ${old.generation}; it is protected (the engine and RDS refuse to delete it). If generation ${old.generation} is wrong: deploy discard: { reason: "…" } on its own first, keeping generation: ${old.generation} and previous as they are (${RUNBOOK}).`);
    return;
  }
  if (now.discard) {
    add(["database", "discard"], back
      ? `would lift the protection of generation ${serving}, the serving database: leave discard out when going back to it (${RUNBOOK}).`
      : `would create generation ${now.generation} unprotected: leave discard out when restoring again (${RUNBOOK}).`);
  }
  if (back) {
    if (now.previous) add(["database", "previous"], `generation ${serving} is the database again: leave previous out (${RUNBOOK}).`);
    if (now.restore !== undefined && JSON.stringify(now.restore) === JSON.stringify(old.restore)) {
      add(["database", "restore"], `is the source of the discarded generation ${old.generation}, not of generation ${serving}: leave it out, or put back the restore generation ${serving} was created from (${RUNBOOK}).`);
    }
    return;
  }
  if (now.previous?.generation !== serving || now.previous.state !== "serving") {
    add(["database", "previous"], `must stay { generation: ${serving}, state: serving } while generation ${now.generation} is restored in place of the discarded generation ${old.generation} (${RUNBOOK}).`);
    return;
  }
  sourceIssues(old, now, add, serving, identifierOf(serving));
}

/**
 * A new generation is created from its `restore`, which must name this restore's source: a new
 * snapshot, or a point in time of the serving generation. Without one RDS creates an empty
 * database; the previous restore's source is an older snapshot, or an instance already deleted:
 * RestoreDBInstanceToPointInTime finds a source by `SourceDBInstanceIdentifier` only while it
 * exists (DBInstanceNotFound otherwise); a deleted instance's retained backups are reached only
 * by `SourceDBInstanceAutomatedBackupsArn` (components/database/restore-sources.ts), which the
 * tenant file does not offer.
 */
function sourceIssues(old: DatabaseSpec, now: DatabaseSpec, add: AddIssue, servingGeneration: number, serving: string): void {
  const allowed = `restore: { snapshot: <a snapshot taken for this restore> } or restore: { pointInTime: { sourceInstance: ${serving}, time: <UTC time> } } (the serving generation ${servingGeneration})`;
  if (now.restore === undefined) {
    add(["database", "generation"], `raises ${old.generation} to ${now.generation} without restore: the new generation would be an empty database. A new generation is created from restore: name this restore's source, ${allowed} (${RUNBOOK}).`);
    return;
  }
  if (JSON.stringify(now.restore) === JSON.stringify(old.restore)) {
    add(["database", "restore"], `is the source generation ${old.generation} was created from, not this restore's. A new generation is created from restore: name this restore's source, ${allowed} (${RUNBOOK}).`);
    return;
  }
  const source = "pointInTime" in now.restore ? now.restore.pointInTime.sourceInstance : undefined;
  if (source !== undefined && source !== serving) {
    add(["database", "restore", "pointInTime", "sourceInstance"], `is ${source}, not the serving generation's instance ${serving}: RDS restores a point in time of a running instance by its identifier (a deleted one's backups need their automated-backups ARN, which the tenant file does not offer). Use sourceInstance: ${serving}, or a snapshot (${RUNBOOK}).`);
  }
}
