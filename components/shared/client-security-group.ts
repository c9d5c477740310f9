import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { nameTags } from "./naming";

/**
 * A security group for a data service (database, cache): in on one port from the given client
 * groups only, one rule resource per client, and on each client group the matching way out.
 *
 * The way out is needed because the AWS provider revokes the allow-all egress rule AWS puts on
 * every new security group (`resourceSecurityGroupCreate` in terraform-provider-aws
 * internal/service/ec2/vpc_security_group.go: "AWS defaults all Security Groups to have an ALLOW
 * ALL egress rule. Here we revoke that rule"; the aws_security_group documentation says the
 * same), so a client group holds only the egress rules someone wrote. Each rule here is an
 * `aws_vpc_security_group_egress_rule` of its own: adding it creates a rule and leaves the
 * client group untouched (the group's ForceNew arguments are name, name_prefix, description and
 * vpc_id only, same file), and it references this group, never 0.0.0.0/0.
 *
 * Rule descriptions keep to the characters EC2 accepts (a-z, A-Z, 0-9, spaces and
 * ._-:/()#,@[]+=&;{}!$*, EC2 API reference, IpRange "Description"): no apostrophes.
 */
export function createClientSecurityGroup(args: {
  name: string;
  vpcId: pulumi.Input<string>;
  port: number;
  description: string;
  /** Groups that may connect; each gets an egress rule to this group's port. */
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
      description: "From the application instances",
    }, opts);
    new aws.vpc.SecurityGroupEgressRule(`${args.name}-client-${i + 1}-out`, {
      securityGroupId: clientGroupId,
      referencedSecurityGroupId: group.id,
      ipProtocol: "tcp",
      fromPort: args.port,
      toPort: args.port,
      description: `Application instances to ${args.name} port ${args.port}`,
    }, opts);
  });
  return group;
}
