/** Pricers of stored data: RDS, ElastiCache, AWS Backup, S3. */
import type { PlannedResource } from "../../../policies/plan-types";
import type { CostPart } from "../estimate-types";
import { numberInput, part, stringInput, unknownPart, type Pricer, type PricingContext } from "../pricing-context";
import { countRange, round } from "./network-compute";
import type { CacheEngine, RdsEngine } from "../price-table";

const RDS_INSTANCE = "aws:rds/instance:Instance";

/** RDS gp3 includes 3,000 IOPS below 400 GB and 12,000 from 400 GB (MySQL, MariaDB, PostgreSQL). */
function gp3BaselineIops(allocatedGb: number): number {
  return allocatedGb >= 400 ? 12000 : 3000;
}

/** The primary a read replica replicates (by identifier or cloud id). */
function sourceOf(db: PlannedResource, context: PricingContext): PlannedResource | undefined {
  const source = stringInput(db, "replicateSourceDb");
  if (!source) return undefined;
  return context.ofType(RDS_INSTANCE).find((r) => r !== db && (stringInput(r, "identifier") === source || context.plan.ids[r.urn] === source))
    ?? context.resourceWithId(source);
}

/** The engine's own price list: MariaDB is a product of its own in the Price List, not MySQL's. */
function rdsEngine(engine: string | undefined): RdsEngine | undefined {
  return engine === "mysql" || engine === "mariadb" || engine === "postgres" ? engine : undefined;
}

/**
 * A replication group's engine; the provider's default is `redis` when the input is absent
 * (`engine` doc comment in node_modules/@pulumi/aws/elasticache/replicationGroup.d.ts).
 */
function cacheEngine(group: PlannedResource): CacheEngine | undefined {
  const engine = stringInput(group, "engine") ?? "redis";
  return engine === "valkey" || engine === "redis" ? engine : undefined;
}

/** Primary databases (not replicas) and their allocated storage, in GB. */
export function primaryDatabaseGb(context: PricingContext): number {
  return context.ofType(RDS_INSTANCE)
    .filter((r) => !stringInput(r, "replicateSourceDb"))
    .reduce((sum, r) => sum + (numberInput(r, "allocatedStorage") ?? 0), 0);
}

/**
 * An RDS instance: its class (doubled by a Multi-AZ standby), storage from the allocated size to
 * the autoscaling maximum (a replica has its primary's), provisioned IOPS beyond the included,
 * and automated backups beyond the free allowance at the declared retention.
 */
export const priceRdsInstance: Pricer = (db, context) => {
  const region = context.regionOf(db);
  const source = sourceOf(db, context);
  const inherited = (key: string) => numberInput(db, key) ?? (source ? numberInput(source, key) : undefined);
  const engine = stringInput(db, "engine") ?? (source ? stringInput(source, "engine") : undefined);
  const family = rdsEngine(engine);
  const instanceClass = stringInput(db, "instanceClass") ?? "unknown class";
  const multiAz = db.inputs["multiAz"] === true || db.inputs["multiAz"] === "true";
  const copies = multiAz ? 2 : 1;
  const standby = multiAz ? " (primary + Multi-AZ standby)" : "";
  const hours = context.hours;
  const parts: CostPart[] = [
    family
      ? part(`${copies} × ${instanceClass}${standby} × ${hours} h`, context.rdsHourly(region, family, instanceClass), copies * hours)
      : unknownPart(`${instanceClass}${standby}`, `no price for engine ${engine ?? "(not in the plan)"} in the price table`),
  ];

  const allocated = inherited("allocatedStorage");
  const storageType = stringInput(db, "storageType") ?? (source ? stringInput(source, "storageType") : undefined) ?? "gp2";
  if (allocated === undefined) {
    parts.push(unknownPart("storage", "the allocated storage is not in the plan"));
    return parts;
  }
  const ceiling = Math.max(allocated, inherited("maxAllocatedStorage") ?? allocated);
  parts.push(part(
    `${countRange(allocated, ceiling)} GB ${storageType}${multiAz ? " × 2 (standby)" : ""}`,
    context.listed(region, "rdsStorageGbMonth", storageType), allocated * copies, ceiling * copies,
  ));

  const iops = numberInput(db, "iops");
  const billableIops = iops === undefined ? 0 : storageType === "gp3" ? Math.max(0, iops - gp3BaselineIops(allocated)) : iops;
  if (billableIops > 0) {
    parts.push(part(`${billableIops} provisioned IOPS${multiAz ? " × 2" : ""}`, context.listed(region, "rdsIopsMonth", storageType), billableIops * copies));
  }

  const retention = source ? 0 : (numberInput(db, "backupRetentionPeriod") ?? 1);
  if (retention > 1) {
    const change = context.assumptions.databaseChangePercentPerDay / 100;
    // Backups hold a full copy plus each day's changes; the first full copy is free.
    const extra = (gb: number) => gb * change * (retention - 1);
    parts.push(part(
      `backups beyond the free allowance (${retention} days, ${context.assumptions.databaseChangePercentPerDay}%/day changes)`,
      context.price(region, "rdsBackupGbMonth"), extra(allocated), extra(ceiling),
    ));
  }
  return parts;
};

/** An ElastiCache replication group or cluster: its nodes by the hour. */
export const priceCacheNodes: Pricer = (group, context) => {
  const nodeType = stringInput(group, "nodeType") ?? "unknown node type";
  const nodes = numberInput(group, "numCacheClusters")
    ?? numberInput(group, "numCacheNodes")
    ?? (numberInput(group, "numNodeGroups") ?? 1) * ((numberInput(group, "replicasPerNodeGroup") ?? 0) + 1);
  const engine = cacheEngine(group);
  const label = `${nodes} × ${nodeType} (${engine ?? stringInput(group, "engine")}) × ${context.hours} h`;
  return [engine
    ? part(label, context.cacheHourly(context.regionOf(group), engine, nodeType), nodes * context.hours)
    : unknownPart(label, `no price for engine ${stringInput(group, "engine")} in the price table`)];
};

interface BackupRule {
  readonly ruleName?: string;
  readonly lifecycle?: { readonly deleteAfter?: number };
  readonly copyActions?: readonly { readonly destinationVaultArn?: string; readonly lifecycle?: { readonly deleteAfter?: number } }[];
}

/** The region in an ARN (`arn:aws:backup:<region>:…`). */
function regionOfArn(arn: string | undefined): string | undefined {
  return arn?.split(":")[3] || undefined;
}

/**
 * An AWS Backup plan: the databases' daily recovery points kept for each rule's retention (a full
 * copy plus each day's changes), in the tenant's region and, for each copy action, in the copy's
 * region, plus the monthly transfer of the changes to that region.
 */
export const priceBackupPlan: Pricer = (plan, context) => {
  const region = context.regionOf(plan);
  const sourceGb = primaryDatabaseGb(context);
  if (sourceGb === 0) return [];
  const changePercent = context.assumptions.databaseChangePercentPerDay;
  const stored = (days: number) => sourceGb * (1 + (changePercent / 100) * (days - 1));
  const rules = Array.isArray(plan.inputs["rules"]) ? (plan.inputs["rules"] as BackupRule[]) : [];
  return rules.flatMap((rule) => {
    const name = rule.ruleName ?? "rule";
    const parts: CostPart[] = [];
    const keep = rule.lifecycle?.deleteAfter;
    parts.push(keep === undefined
      ? unknownPart(`${name}: recovery points of ${sourceGb} GB`, "kept without expiry: storage grows without bound")
      : part(`${name}: ${round(stored(keep))} GB kept ${keep} days (${sourceGb} GB + ${changePercent}%/day)`, context.price(region, "backupWarmGbMonth"), stored(keep)));
    for (const copy of rule.copyActions ?? []) {
      const destination = regionOfArn(copy.destinationVaultArn);
      const copyKeep = copy.lifecycle?.deleteAfter;
      parts.push(copyKeep === undefined
        ? unknownPart(`${name}: copies in ${destination ?? "another region"}`, "kept without expiry: storage grows without bound")
        : part(`${name}: ${round(stored(copyKeep))} GB copied to ${destination ?? "?"}, kept ${copyKeep} days`, context.price(destination, "backupWarmGbMonth"), stored(copyKeep)));
      const transfer = sourceGb * (changePercent / 100) * 30;
      parts.push(part(`${name}: ${round(transfer)} GB of changes a month transferred to ${destination ?? "?"}`, context.price(region, "interRegionOutGb"), transfer));
    }
    return parts;
  });
};

/** A restore testing plan: its jobs and the briefly restored database are not priced. */
export const priceRestoreTesting: Pricer = () => [
  unknownPart("restore tests", "restore testing jobs and the temporarily restored database are not in the price table"),
];

/** An S3 bucket: the assumed storage and requests. */
export const priceBucket: Pricer = (bucket, context) => {
  const region = context.regionOf(bucket);
  const { s3StoredGbPerBucket: gb, s3PutThousandsPerBucket: puts, s3GetThousandsPerBucket: gets } = context.assumptions;
  return [
    part(`${gb} GB Standard (s3StoredGbPerBucket)`, context.price(region, "s3StandardGbMonth"), gb),
    part(`${puts}k PUT/LIST requests (s3PutThousandsPerBucket)`, context.price(region, "s3PutPer1000"), puts),
    part(`${gets}k GET requests (s3GetThousandsPerBucket)`, context.price(region, "s3GetPer1000"), gets),
  ];
};

/** A bucket replication: the assumed monthly copy to another region. */
export const priceBucketReplication: Pricer = (replication, context) => {
  const gb = context.assumptions.s3ReplicatedGb;
  return [part(`${gb} GB replicated to another region (s3ReplicatedGb)`, context.price(context.regionOf(replication), "interRegionOutGb"), gb)];
};
