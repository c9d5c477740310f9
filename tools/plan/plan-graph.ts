/** Reading a plan as a tree: children by parent, display names and key properties. */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";

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

/**
 * A type as `pulumi preview` shows it: `aws:ec2/subnet:Subnet` → `aws:ec2:Subnet` (the module's
 * last path part dropped when it is the type name in camel case); other types (components,
 * providers, `pulumi:pulumi:Stack`) as they are. The same rule as the CLI's
 * `tokens.Type.DisplayName` (pulumi/pulumi sdk/go/common/tokens/tokens.go), which the resource
 * rows (pkg/backend/display/rows.go) and policy messages (pkg/backend/display/diff.go) print.
 * JSON keeps the full token, as `pulumi preview --json` does (pkg/backend/display/json.go).
 */
export function displayType(type: string): string {
  const parts = type.split(":");
  if (parts.length !== 3) return type;
  const [pkg, module, name] = parts as [string, string, string];
  const slash = module.lastIndexOf("/");
  if (name === "" || slash === -1) return type;
  const file = module.slice(slash + 1);
  if (file !== name.charAt(0).toLowerCase() + name.slice(1)) return type;
  return `${pkg}:${module.slice(0, slash)}:${name}`;
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
  /**
   * Every registered resource, the stack and the explicit providers included: what `pulumi
   * preview` counts ("Resources: + N to create"). The engine counts each logical step that is not
   * internal, and only default providers are internal (pulumi/pulumi pkg/engine/update.go
   * `isInternalStep`, `acts.Ops[op]++`); the plan has no default provider (`defaultProviderUses`).
   */
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
  const total = plan.resources.length;
  // The stack is a component resource too (it is not custom).
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
