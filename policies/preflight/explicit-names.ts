/**
 * Names the plan sets explicitly follow their API's character rules: RDS instance identifiers and
 * final snapshot identifiers, ElastiCache replication group ids, load balancer and target group
 * names (sources next to each rule in components/shared/aws-catalog: terraform-provider-aws
 * internal/service/rds/validate.go and instance.go, elasticache/replication_group.go,
 * elbv2/validate.go). Auto-generated names are checked where the plan forms them.
 */
import { elbNameProblems, rdsIdentifierProblems, rdsSnapshotIdentifierProblems, replicationGroupIdProblems } from "../../components/shared/aws-catalog";
import { resourceRule } from "../rule";
import { PREFLIGHT } from "./control";

const NAMES: Record<string, { property: string; problems: (name: string) => string[] }[]> = {
  "aws:rds/instance:Instance": [
    { property: "identifier", problems: rdsIdentifierProblems },
    { property: "finalSnapshotIdentifier", problems: rdsSnapshotIdentifierProblems },
  ],
  "aws:elasticache/replicationGroup:ReplicationGroup": [{ property: "replicationGroupId", problems: replicationGroupIdProblems }],
  "aws:lb/loadBalancer:LoadBalancer": [{ property: "name", problems: (name) => elbNameProblems(name, "load balancer") }],
  "aws:lb/targetGroup:TargetGroup": [{ property: "name", problems: (name) => elbNameProblems(name, "target group") }],
};

export const explicitNamesValid = resourceRule({
  name: "explicit-names-valid",
  control: PREFLIGHT,
  description: "Explicitly set RDS identifiers, ElastiCache replication group ids and load balancer and target group names follow their API's rules",
  types: Object.keys(NAMES),
  check: ({ type, props }) => NAMES[type]!.flatMap(({ property, problems }) => {
    const name = props[property];
    if (typeof name !== "string") return [];
    const found = problems(name);
    return found.length > 0 ? [`${property} "${name}" is refused by AWS: it must be a name that ${found.join(", ")}`] : [];
  }),
});
