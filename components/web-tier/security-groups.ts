import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../shared/naming";

/** Inbound rules a security group holds per address family (the default quota). */
export const RULES_PER_GROUP_QUOTA = 60;

/** The ports the load balancer listens on. */
export const LOAD_BALANCER_PORTS = [443, 80] as const;

/**
 * Room in the Cloudflare prefix lists. A rule that references a prefix list counts its maximum
 * entries against the group's quota: 2 ports × 25 IPv4 entries = 50 and 2 × 12 IPv6 = 24, both
 * under 60, with room for Cloudflare to publish more ranges (15 IPv4 and 7 IPv6 today).
 */
export const PREFIX_LIST_MAX_ENTRIES = { IPv4: 25, IPv6: 12 } as const;

/** Cloudflare's edge ranges, as getIpRanges returns them. */
export interface CloudflareRanges {
  readonly ipv4Cidrs: string[];
  readonly ipv6Cidrs: string[];
}

/** Prefix list entries for one family; throws when Cloudflare publishes more than fit, or none. */
export function prefixListEntries(family: "IPv4" | "IPv6", cidrs: readonly string[]): { cidr: string; description: string }[] {
  const max = PREFIX_LIST_MAX_ENTRIES[family];
  if (cidrs.length > max) {
    throw new RangeError(`Cloudflare publishes ${cidrs.length} ${family} ranges; the prefix list holds ${max} (raise PREFIX_LIST_MAX_ENTRIES within the rule quota)`);
  }
  if (family === "IPv4" && cidrs.length === 0) {
    throw new RangeError("Cloudflare's IPv4 ranges came back empty; refusing to build a load balancer nobody can reach");
  }
  return [...cidrs].sort().map((cidr) => ({ cidr, description: "Cloudflare edge" }));
}

export interface TierSecurityGroups {
  readonly loadBalancer: aws.ec2.SecurityGroup;
  readonly instances: aws.ec2.SecurityGroup;
  readonly cloudflarePrefixLists: aws.ec2.ManagedPrefixList[];
}

/**
 * Load balancer group: in from Cloudflare's ranges only (two managed prefix lists filled from
 * Cloudflare's published list), out to the instances' nginx only. Instance group: in from the
 * load balancer only, out over HTTPS (images, AWS APIs, packages); the data tier adds the way to
 * its own ports (`createClientSecurityGroup`). Nothing else leaves either group: the AWS provider
 * revokes the allow-all egress AWS gives a new group (terraform-provider-aws
 * internal/service/ec2/vpc_security_group.go). Every rule is its own resource, created outside
 * `apply`, and neither group depends on the other.
 */
export function createSecurityGroups(args: {
  name: string;
  vpcId: pulumi.Input<string>;
  cloudflareRanges: pulumi.Output<CloudflareRanges>;
  tags: Record<string, string> | undefined;
  parent: pulumi.Resource;
}): TierSecurityGroups {
  const { name, tags } = args;
  const opts = { parent: args.parent };
  const prefixLists = (["IPv4", "IPv6"] as const).map((family) => new aws.ec2.ManagedPrefixList(`${name}-cloudflare-${family.toLowerCase()}`, {
    addressFamily: family,
    maxEntries: PREFIX_LIST_MAX_ENTRIES[family],
    entries: args.cloudflareRanges.apply((ranges) => prefixListEntries(family, family === "IPv4" ? ranges.ipv4Cidrs : ranges.ipv6Cidrs)),
    tags: nameTags(`${name}-cloudflare-${family.toLowerCase()}`, tags),
  }, opts));
  const loadBalancer = new aws.ec2.SecurityGroup(`${name}-alb`, {
    vpcId: args.vpcId,
    description: "Load balancer: HTTPS and HTTP from Cloudflare only",
    revokeRulesOnDelete: true,
    tags: nameTags(`${name}-alb`, tags),
  }, opts);
  const instances = new aws.ec2.SecurityGroup(`${name}-instances`, {
    vpcId: args.vpcId,
    description: "Web instances: nginx from the load balancer only",
    revokeRulesOnDelete: true,
    tags: nameTags(`${name}-instances`, tags),
  }, opts);
  for (const port of LOAD_BALANCER_PORTS) {
    prefixLists.forEach((list, i) => {
      const family = i === 0 ? "ipv4" : "ipv6";
      new aws.vpc.SecurityGroupIngressRule(`${name}-alb-${port}-cloudflare-${family}`, {
        securityGroupId: loadBalancer.id,
        prefixListId: list.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `Port ${port} from Cloudflare (${family})`,
      }, opts);
    });
  }
  new aws.vpc.SecurityGroupEgressRule(`${name}-alb-to-instances`, {
    securityGroupId: loadBalancer.id,
    referencedSecurityGroupId: instances.id,
    ipProtocol: "tcp",
    fromPort: 80,
    toPort: 80,
    description: "To nginx on the instances",
  }, opts);
  new aws.vpc.SecurityGroupIngressRule(`${name}-instances-from-alb`, {
    securityGroupId: instances.id,
    referencedSecurityGroupId: loadBalancer.id,
    ipProtocol: "tcp",
    fromPort: 80,
    toPort: 80,
    description: "nginx from the load balancer",
  }, opts);
  new aws.vpc.SecurityGroupEgressRule(`${name}-instances-https`, {
    securityGroupId: instances.id,
    cidrIpv4: "0.0.0.0/0",
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    description: "HTTPS out: image registry, AWS APIs, package repositories",
  }, opts);
  return { loadBalancer, instances, cloudflarePrefixLists: prefixLists };
}
