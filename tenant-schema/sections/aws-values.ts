/**
 * Schema pieces for values AWS itself defines: regions, instance types, DB classes, cache node
 * types and log retentions, checked against the shipped catalogue
 * (components/shared/aws-catalog) so that a value AWS would refuse at deploy time is refused
 * with the file's position instead.
 */
import { z } from "zod";
import {
  CACHE_NODE_TYPES, COMMERCIAL_REGIONS, EC2_INSTANCE_TYPES, familySizes, isCommercialRegion, LOG_RETENTION_DAYS, RDS_INSTANCE_CLASSES,
} from "../../components/shared/aws-catalog";
import { closestKey } from "../schema-keys";

/** AWS region names such as `eu-central-1`, `us-gov-west-1` or `ap-southeast-4` (the shape only). */
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** " (did you mean "x"?)" when a known value is a likely typo of `value`, else "". */
function guess(value: string, known: Iterable<string>): string {
  const candidate = closestKey(value, [...known]);
  return candidate ? ` (did you mean "${candidate}"?)` : "";
}

/** A commercial AWS region, with "did you mean" and the list of regions when it is not one. */
export const regionName = z
  .string()
  .regex(AWS_REGION, { error: "must be an AWS region name such as eu-central-1", abort: true })
  .superRefine((region, ctx) => {
    if (!isCommercialRegion(region)) {
      ctx.addIssue({
        code: "custom",
        message: `"${region}" is not an AWS commercial region${guess(region, COMMERCIAL_REGIONS)}; regions: ${COMMERCIAL_REGIONS.join(", ")}`,
      });
    }
  })
  .meta({ examples: ["eu-central-1", "us-east-1"] });

/** A type of a catalogue: its shape first, then membership, naming the family's sizes when the family is known. */
function catalogueType(shape: RegExp, shapeError: string, known: ReadonlySet<string>, what: string) {
  return z
    .string()
    .regex(shape, { error: shapeError, abort: true })
    .superRefine((type, ctx) => {
      if (known.has(type)) return;
      const sizes = familySizes(type, known);
      const family = type.slice(0, type.lastIndexOf("."));
      ctx.addIssue({
        code: "custom",
        message: `"${type}" is not ${what}${guess(type, known)}; ${sizes ? `${family} comes in ${sizes.join(", ")}` : `${family} is not a family AWS offers`}`,
      });
    });
}

/** An EC2 instance type the AWS SDK knows (`t4g.small`). */
export const ec2InstanceType = catalogueType(
  /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as t4g.small or m7g.large", EC2_INSTANCE_TYPES, "an EC2 instance type",
);

/** An RDS DB instance class (`db.t4g.medium`). */
export const dbInstanceClass = catalogueType(
  /^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.t4g.medium", RDS_INSTANCE_CLASSES, "an RDS DB instance class",
);

/** An ElastiCache node type (`cache.t4g.small`). */
export const cacheNodeType = catalogueType(
  /^cache\.[a-z0-9]+\.[a-z0-9]+$/, "must be an ElastiCache node type such as cache.t4g.small", CACHE_NODE_TYPES, "an ElastiCache node type",
);

/** Days a CloudWatch Logs group keeps its events: one of the values PutRetentionPolicy accepts. */
export function logRetentionDays(defaultDays: (typeof LOG_RETENTION_DAYS)[number]) {
  return z
    .literal(LOG_RETENTION_DAYS, { error: `must be a retention CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}` })
    .default(defaultDays);
}
