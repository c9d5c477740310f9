/** Reading a plan as a tree: children by parent, display names and key properties. */
import type { PlannedResource, TenantPlan } from "./plan-types";

/** Inputs worth showing next to a resource in the tree and diagram, by type. */
export const KEY_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  "pulumi:providers:aws": ["region", "assumeRoles", "allowedAccountIds"],
  "aws:ec2/vpc:Vpc": ["cidrBlock"],
  "aws:ec2/subnet:Subnet": ["cidrBlock", "availabilityZone"],
  "aws:ec2/route:Route": ["destinationCidrBlock"],
  "aws:ec2/vpcEndpoint:VpcEndpoint": ["serviceName", "vpcEndpointType"],
  "aws:ec2/flowLog:FlowLog": ["trafficType", "logDestinationType"],
  "aws:cloudwatch/logGroup:LogGroup": ["retentionInDays"],
  "aws:kms/key:Key": ["enableKeyRotation", "deletionWindowInDays"],
  "aws:kms/alias:Alias": ["name"],
  "aws:ec2/launchTemplate:LaunchTemplate": ["instanceType", "imageId"],
  "aws:autoscaling/group:Group": ["minSize", "maxSize", "healthCheckType"],
  "aws:autoscaling/policy:Policy": ["policyType"],
  "aws:autoscaling/schedule:Schedule": ["recurrence", "minSize", "maxSize"],
  "aws:lb/loadBalancer:LoadBalancer": ["loadBalancerType", "internal", "enableDeletionProtection"],
  "aws:lb/listener:Listener": ["port", "protocol", "sslPolicy"],
  "aws:lb/targetGroup:TargetGroup": ["port", "protocol"],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["fromPort", "cidrIpv4"],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["fromPort", "cidrIpv4"],
  "aws:ec2/managedPrefixList:ManagedPrefixList": ["addressFamily", "maxEntries"],
  "aws:rds/instance:Instance": ["engine", "instanceClass", "multiAz"],
  "cloudflare:index/dnsRecord:DnsRecord": ["name", "type", "proxied"],
  "cloudflare:index/ruleset:Ruleset": ["phase"],
  "cloudflare:index/zoneSetting:ZoneSetting": ["settingId", "value"],
  "cloudflare:index/zone:Zone": ["name"],
  "aws:elasticache/replicationGroup:ReplicationGroup": ["engine", "nodeType", "numCacheClusters"],
};

/** `aws:ec2/subnet:Subnet` → `aws.ec2.Subnet`; component and provider types stay as they are. */
export function shortType(type: string): string {
  const match = /^([\w-]+):([\w-]+)\/[\w-]+:(\w+)$/.exec(type);
  return match ? `${match[1]}.${match[2]}.${match[3]}` : type;
}

/** `key=value` pairs of a resource's key properties that are set. */
export function keyProperties(resource: PlannedResource): string[] {
  return (KEY_PROPERTIES[resource.type] ?? [])
    .filter((key) => resource.inputs[key] !== undefined)
    .map((key) => {
      const value = resource.inputs[key];
      return `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`;
    });
}

/** Options a reader must notice (data safety), as short flags. */
export function optionFlags(resource: PlannedResource): string[] {
  const flags: string[] = [];
  if (resource.options.protect) flags.push("protect");
  if (resource.options.retainOnDelete) flags.push("retainOnDelete");
  if (resource.options.deleteBeforeReplace) flags.push("deleteBeforeReplace");
  if (resource.options.ignoreChanges.length > 0) flags.push(`ignoreChanges=${resource.options.ignoreChanges.join(",")}`);
  return flags;
}

/** Children of each URN (null = roots), in registration order, components first. */
export function childrenByParent(plan: TenantPlan): Map<string | null, PlannedResource[]> {
  const children = new Map<string | null, PlannedResource[]>();
  for (const resource of plan.resources) {
    const list = children.get(resource.parent) ?? [];
    list.push(resource);
    children.set(resource.parent, list);
  }
  for (const list of children.values()) {
    list.sort((a, b) => Number(a.custom) - Number(b.custom) || a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
  }
  return children;
}

/** Counts for the summary line. */
export interface PlanCounts {
  readonly total: number;
  readonly custom: number;
  readonly components: number;
  readonly providers: number;
  readonly protected: number;
  readonly byType: ReadonlyMap<string, number>;
}

export function countPlan(plan: TenantPlan): PlanCounts {
  const byType = new Map<string, number>();
  let custom = 0;
  let providers = 0;
  let protectedCount = 0;
  for (const resource of plan.resources) {
    if (resource.type === "pulumi:pulumi:Stack") continue;
    byType.set(resource.type, (byType.get(resource.type) ?? 0) + 1);
    if (resource.type.startsWith("pulumi:providers:")) providers++;
    else if (resource.custom) custom++;
    if (resource.options.protect) protectedCount++;
  }
  const total = plan.resources.length - 1;
  return { total, custom, components: total - custom - providers, providers, protected: protectedCount, byType };
}

/**
 * Resources that would use a default provider (custom resources with no explicit provider) and
 * invokes that went through one: the platform promises there are none.
 */
export function defaultProviderUses(plan: TenantPlan): string[] {
  const resources = plan.resources
    .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && r.provider === null)
    .map((r) => `resource ${r.urn}`);
  const invokes = plan.invokes.filter((i) => i.provider === null).map((i) => `invoke ${i.token}`);
  return [...resources, ...invokes];
}
