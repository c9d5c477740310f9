/**
 * Instance types, DB instance classes and cache node types exist: EC2 types from the AWS SDK's
 * own enum (`aws.ec2.InstanceType`), RDS classes and ElastiCache node types from the catalogue
 * (components/shared/aws-catalog, with their documentation sources). The providers pass these
 * strings through; only the API refuses an unknown one, at deploy time.
 */
import { isCacheNodeType, isEc2InstanceType, isRdsInstanceClass } from "../../components/shared/aws-catalog";
import { resourceRule } from "../rule";
import { text } from "../rules/values";
import { PREFLIGHT } from "./control";

const CHECKS: Record<string, { property: string; known: (value: string) => boolean; what: string }> = {
  "aws:ec2/launchTemplate:LaunchTemplate": { property: "instanceType", known: isEc2InstanceType, what: "an EC2 instance type" },
  "aws:ec2/instance:Instance": { property: "instanceType", known: isEc2InstanceType, what: "an EC2 instance type" },
  "aws:rds/instance:Instance": { property: "instanceClass", known: isRdsInstanceClass, what: "an RDS DB instance class" },
  "aws:elasticache/replicationGroup:ReplicationGroup": { property: "nodeType", known: isCacheNodeType, what: "an ElastiCache node type" },
  "aws:elasticache/cluster:Cluster": { property: "nodeType", known: isCacheNodeType, what: "an ElastiCache node type" },
};

export const instanceTypesExist = resourceRule({
  name: "instance-types-exist",
  control: PREFLIGHT,
  description: "EC2 instance types, RDS DB instance classes and ElastiCache node types are ones AWS offers",
  types: Object.keys(CHECKS),
  check: ({ type, props }) => {
    const { property, known, what } = CHECKS[type]!;
    const value = text(props[property]);
    return value && !known(value) ? [`${property} "${value}" is not ${what}`] : [];
  },
});
