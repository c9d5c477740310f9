import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { nameTags } from "./naming";

/**
 * A security group for a data service (database, cache): in on one port from the given client
 * groups only, one rule resource per client, no other rules.
 */
export function createClientSecurityGroup(args: {
  name: string;
  vpcId: pulumi.Input<string>;
  port: number;
  description: string;
  clientSecurityGroupIds: pulumi.Input<string>[];
  tags: Record<string, string> | undefined;
  parent: pulumi.Resource;
}): aws.ec2.SecurityGroup {
  const opts = { parent: args.parent };
  const group = new aws.ec2.SecurityGroup(args.name, {
    vpcId: args.vpcId,
    description: args.description,
    revokeRulesOnDelete: true,
    tags: nameTags(args.name, args.tags),
  }, opts);
  args.clientSecurityGroupIds.forEach((clientGroupId, i) => {
    new aws.vpc.SecurityGroupIngressRule(`${args.name}-from-client-${i + 1}`, {
      securityGroupId: group.id,
      referencedSecurityGroupId: clientGroupId,
      ipProtocol: "tcp",
      fromPort: args.port,
      toPort: args.port,
      description: "From the application's instances",
    }, opts);
  });
  return group;
}
