/**
 * RDS cannot create a read replica of a source whose master password it manages in Secrets
 * Manager (all engines but SQL Server). Source: Amazon RDS User Guide, "Password management with
 * Amazon RDS and AWS Secrets Manager", "Limitations for Secrets Manager integration"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations).
 */
import { stackRule, type StackFinding } from "../rule";
import { ofType, referencedBy, type StackResource } from "../stack-view";
import { isTrue, shortName } from "../rules/values";
import { PREFLIGHT } from "./control";

const INSTANCE = "aws:rds/instance:Instance";

/** The instance a replica copies: by reference, else by its identifier. */
function sourceOf(replica: StackResource, instances: readonly StackResource[]): StackResource | undefined {
  const referenced = referencedBy(replica, "replicateSourceDb", INSTANCE)[0];
  if (referenced) return referenced;
  const source = replica.props["replicateSourceDb"];
  return instances.find((db) => db !== replica && (db.props["identifier"] === source || db.props["arn"] === source));
}

export const rdsReplicaOfManagedPassword = stackRule({
  name: "rds-replica-source-password",
  control: PREFLIGHT,
  description: "No read replica copies a database whose master password RDS manages in Secrets Manager (RDS refuses to create such a replica)",
  check: ({ resources }) => {
    const instances = ofType(resources, INSTANCE);
    return instances.filter((db) => Boolean(db.props["replicateSourceDb"])).flatMap((replica): StackFinding[] => {
      const source = sourceOf(replica, instances);
      if (!source || !isTrue(source.props["manageMasterUserPassword"])) return [];
      return [{
        urn: replica.urn,
        message: `RDS cannot create this read replica: its source ${shortName(source.urn)} manages its master password in Secrets Manager (manageMasterUserPassword); keep the password outside RDS (password) instead`,
      }];
    });
  },
});
