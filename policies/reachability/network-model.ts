/**
 * The network a stack creates, read from its resources (the stack view, so the same model serves
 * CrossGuard and the offline plan): security groups with their rules, managed prefix lists,
 * subnets with their route tables, NAT and internet gateways, VPC endpoints, and the workloads
 * placed in them (instance groups, load balancers, databases, caches).
 *
 * Security groups are modelled as the AWS provider leaves them: a group holds only the rules the
 * stack declares, because the provider revokes the allow-all egress rule AWS adds to every new
 * group (terraform-provider-aws internal/service/ec2/vpc_security_group.go,
 * `resourceSecurityGroupCreate`; aws_security_group documentation). Groups are stateful, so a
 * flow needs the source's egress and the destination's ingress, never the reverse direction (VPC
 * user guide, "Security group rules": "Security groups are stateful").
 */
import { known, ofType, referencedBy, referencing, type StackResource } from "../stack-view";
import { records, strings, text } from "../rules/values";

export const TYPES = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  natGateway: "aws:ec2/natGateway:NatGateway",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  endpointRouteTable: "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  legacyRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
  autoScalingGroup: "aws:autoscaling/group:Group",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  database: "aws:rds/instance:Instance",
  databaseSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  cache: "aws:elasticache/replicationGroup:ReplicationGroup",
  cacheSubnetGroup: "aws:elasticache/subnetGroup:SubnetGroup",
  bucket: "aws:s3/bucket:Bucket",
  function: "aws:lambda/function:Function",
} as const;

/** Who is on the other side of a rule. */
export type Peer =
  | { readonly kind: "cidr"; readonly cidr: string }
  | { readonly kind: "group"; readonly group: StackResource }
  /** A prefix list of the stack (entries known) or one outside it, such as an AWS-managed list (entries unknown). */
  | { readonly kind: "prefixList"; readonly list: StackResource | undefined; readonly entries: readonly string[] | undefined };

/** One direction of one rule: protocol and ports to or from a peer. */
export interface SecurityRule {
  /** The rule resource (or the group, for inline rules). */
  readonly resource: StackResource;
  readonly direction: "ingress" | "egress";
  /** `tcp`, `udp`, `icmp`, … or `-1` for every protocol. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: Peer;
}

export interface SecurityGroupModel {
  readonly resource: StackResource;
  readonly rules: SecurityRule[];
}

export interface SubnetModel {
  readonly resource: StackResource;
  readonly cidr: string | undefined;
  /** Its explicit route table; undefined means the VPC's main table, which the stack leaves with the local route alone. */
  readonly routeTable: StackResource | undefined;
}

/** A route out of a table: its destination and where it goes. */
export interface RouteModel {
  readonly table: StackResource;
  readonly destination: string;
  readonly natGateway: StackResource | undefined;
  readonly internetGateway: StackResource | undefined;
}

export interface EndpointModel {
  readonly resource: StackResource;
  /** `com.amazonaws.<region>.<service>`. */
  readonly serviceName: string;
  readonly type: "Gateway" | "Interface";
  readonly privateDns: boolean;
  readonly subnets: StackResource[];
  readonly groups: StackResource[];
  /** Route tables a gateway endpoint is associated with. */
  readonly routeTables: StackResource[];
}

/** Something placed in the network with security groups. */
export interface Workload {
  readonly resource: StackResource;
  readonly kind: "instances" | "load balancer" | "database" | "cache" | "function";
  /** A short label for messages: the resource's logical name. */
  readonly label: string;
  readonly groups: StackResource[];
  readonly subnets: StackResource[];
}

export interface NetworkModel {
  readonly resources: readonly StackResource[];
  readonly groups: Map<StackResource, SecurityGroupModel>;
  readonly subnets: Map<StackResource, SubnetModel>;
  readonly routes: RouteModel[];
  readonly endpoints: EndpointModel[];
  readonly workloads: Workload[];
}

const num = (value: unknown, fallback: number): number => (typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : fallback);

function first(resource: StackResource, property: string, type: string): StackResource | undefined {
  return referencedBy(resource, property, type)[0];
}

function prefixListPeer(list: StackResource | undefined): Peer {
  const entries = list ? records(known(list.props, "entries")).map((entry) => text(entry["cidr"])).filter((cidr) => cidr !== "") : undefined;
  return { kind: "prefixList", list, entries };
}

/** The peer of a standalone rule (exactly one of cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_security_group_id). */
function standalonePeer(rule: StackResource): Peer | undefined {
  const cidr = known(rule.props, "cidrIpv4") ?? known(rule.props, "cidrIpv6");
  if (typeof cidr === "string") return { kind: "cidr", cidr };
  if (known(rule.props, "prefixListId") !== undefined) return prefixListPeer(first(rule, "prefixListId", TYPES.prefixList));
  const group = first(rule, "referencedSecurityGroupId", TYPES.securityGroup);
  return group ? { kind: "group", group } : undefined;
}

/** Rules of a group written inline (`ingress`/`egress` blocks): CIDRs and, by reference, groups. */
function inlineRules(group: StackResource): SecurityRule[] {
  return (["ingress", "egress"] as const).flatMap((direction) => records(known(group.props, direction)).flatMap((block): SecurityRule[] => {
    const base = { resource: group, direction, protocol: text(block["protocol"]), fromPort: num(block["fromPort"], -1), toPort: num(block["toPort"], -1) };
    const cidrs = [...strings(block["cidrBlocks"]), ...strings(block["ipv6CidrBlocks"])].map((cidr): SecurityRule => ({ ...base, peer: { kind: "cidr", cidr } }));
    const peers = strings(block["securityGroups"]).length > 0 ? referencedBy(group, direction, TYPES.securityGroup) : [];
    const selfPeer = block["self"] === true ? [group] : [];
    return [...cidrs, ...[...peers, ...selfPeer].map((peer): SecurityRule => ({ ...base, peer: { kind: "group", group: peer } }))];
  }));
}

/** Legacy `aws.ec2.SecurityGroupRule` resources: one direction, several CIDRs or a source group. */
function legacyRules(rule: StackResource): { group: StackResource | undefined; rules: SecurityRule[] } {
  const group = first(rule, "securityGroupId", TYPES.securityGroup);
  const direction = known(rule.props, "type") === "egress" ? "egress" : "ingress";
  const base = { resource: rule, direction, protocol: text(known(rule.props, "protocol")), fromPort: num(known(rule.props, "fromPort"), -1), toPort: num(known(rule.props, "toPort"), -1) } as const;
  const cidrs = [...strings(known(rule.props, "cidrBlocks")), ...strings(known(rule.props, "ipv6CidrBlocks"))].map((cidr): SecurityRule => ({ ...base, peer: { kind: "cidr", cidr } }));
  const source = first(rule, "sourceSecurityGroupId", TYPES.securityGroup) ?? (known(rule.props, "self") === true ? group : undefined);
  const lists = referencedBy(rule, "prefixListIds", TYPES.prefixList).map((list): SecurityRule => ({ ...base, peer: prefixListPeer(list) }));
  return { group, rules: [...cidrs, ...lists, ...(source ? [{ ...base, peer: { kind: "group", group: source } } as SecurityRule] : [])] };
}

function securityGroups(resources: readonly StackResource[]): Map<StackResource, SecurityGroupModel> {
  const groups = new Map<StackResource, SecurityGroupModel>();
  for (const group of ofType(resources, TYPES.securityGroup)) groups.set(group, { resource: group, rules: inlineRules(group) });
  for (const [type, direction] of [[TYPES.ingressRule, "ingress"], [TYPES.egressRule, "egress"]] as const) {
    for (const rule of ofType(resources, type)) {
      const group = groups.get(first(rule, "securityGroupId", TYPES.securityGroup)!);
      const peer = standalonePeer(rule);
      if (!group || !peer) continue;
      const protocol = text(known(rule.props, "ipProtocol"));
      group.rules.push({ resource: rule, direction, protocol, fromPort: num(known(rule.props, "fromPort"), -1), toPort: num(known(rule.props, "toPort"), -1), peer });
    }
  }
  for (const rule of ofType(resources, TYPES.legacyRule)) {
    const { group, rules } = legacyRules(rule);
    if (group) groups.get(group)?.rules.push(...rules);
  }
  return groups;
}

function routes(resources: readonly StackResource[]): RouteModel[] {
  const standalone = ofType(resources, TYPES.route).flatMap((route): RouteModel[] => {
    const table = first(route, "routeTableId", TYPES.routeTable);
    const destination = known(route.props, "destinationCidrBlock") ?? known(route.props, "destinationIpv6CidrBlock");
    if (!table || typeof destination !== "string") return [];
    return [{ table, destination, natGateway: first(route, "natGatewayId", TYPES.natGateway), internetGateway: first(route, "gatewayId", TYPES.internetGateway) }];
  });
  const inline = ofType(resources, TYPES.routeTable).flatMap((table) => records(known(table.props, "routes")).map((route): RouteModel => ({
    table,
    destination: text(route["cidrBlock"] ?? route["ipv6CidrBlock"]),
    natGateway: strings(route["natGatewayId"]).length > 0 ? referencedBy(table, "routes", TYPES.natGateway)[0] : undefined,
    internetGateway: strings(route["gatewayId"]).length > 0 ? referencedBy(table, "routes", TYPES.internetGateway)[0] : undefined,
  })));
  return [...standalone, ...inline];
}

function endpoints(resources: readonly StackResource[]): EndpointModel[] {
  return ofType(resources, TYPES.endpoint).map((endpoint) => ({
    resource: endpoint,
    serviceName: text(known(endpoint.props, "serviceName")),
    // The provider's default endpoint type is Gateway (aws_vpc_endpoint, vpc_endpoint_type).
    type: known(endpoint.props, "vpcEndpointType") === "Interface" ? "Interface" : "Gateway",
    privateDns: known(endpoint.props, "privateDnsEnabled") === true,
    subnets: referencedBy(endpoint, "subnetIds", TYPES.subnet),
    groups: referencedBy(endpoint, "securityGroupIds", TYPES.securityGroup),
    routeTables: [
      ...referencedBy(endpoint, "routeTableIds", TYPES.routeTable),
      ...referencing(resources, endpoint, TYPES.endpointRouteTable, "vpcEndpointId").flatMap((association) => referencedBy(association, "routeTableId", TYPES.routeTable)),
    ],
  }));
}

/** Instance groups: the launch template's groups (directly or on its network interface) and the group's subnets. */
function instanceWorkloads(resources: readonly StackResource[]): Workload[] {
  return ofType(resources, TYPES.autoScalingGroup).map((asg) => {
    const template = first(asg, "launchTemplate", TYPES.launchTemplate) ?? first(asg, "mixedInstancesPolicy", TYPES.launchTemplate);
    const groups = template
      ? [...referencedBy(template, "vpcSecurityGroupIds", TYPES.securityGroup), ...referencedBy(template, "networkInterfaces", TYPES.securityGroup)]
      : [];
    return { resource: asg, kind: "instances", label: asg.name, groups, subnets: referencedBy(asg, "vpcZoneIdentifiers", TYPES.subnet) };
  });
}

function subnetsOfGroup(resource: StackResource, property: string, subnetGroupType: string): StackResource[] {
  return referencedBy(resource, property, subnetGroupType).flatMap((group) => referencedBy(group, "subnetIds", TYPES.subnet));
}

function workloads(resources: readonly StackResource[]): Workload[] {
  const loadBalancers = ofType(resources, TYPES.loadBalancer).map((lb): Workload => ({
    resource: lb, kind: "load balancer", label: lb.name, groups: referencedBy(lb, "securityGroups", TYPES.securityGroup), subnets: referencedBy(lb, "subnets", TYPES.subnet),
  }));
  const databases = ofType(resources, TYPES.database).map((db): Workload => {
    // A read replica lives in its source's subnet group unless it names one.
    const source = first(db, "replicateSourceDb", TYPES.database);
    const subnets = subnetsOfGroup(db, "dbSubnetGroupName", TYPES.databaseSubnetGroup);
    return {
      resource: db, kind: "database", label: db.name, groups: referencedBy(db, "vpcSecurityGroupIds", TYPES.securityGroup),
      subnets: subnets.length > 0 || !source ? subnets : subnetsOfGroup(source, "dbSubnetGroupName", TYPES.databaseSubnetGroup),
    };
  });
  const caches = ofType(resources, TYPES.cache).map((cache): Workload => ({
    resource: cache, kind: "cache", label: cache.name, groups: referencedBy(cache, "securityGroupIds", TYPES.securityGroup),
    subnets: subnetsOfGroup(cache, "subnetGroupName", TYPES.cacheSubnetGroup),
  }));
  // Lambda functions attached to the VPC (`vpcConfig`): their network interfaces take the groups and subnets given there.
  const functions = ofType(resources, TYPES.function).filter((fn) => referencedBy(fn, "vpcConfig", TYPES.securityGroup).length > 0).map((fn): Workload => ({
    resource: fn, kind: "function", label: fn.name, groups: referencedBy(fn, "vpcConfig", TYPES.securityGroup), subnets: referencedBy(fn, "vpcConfig", TYPES.subnet),
  }));
  return [...instanceWorkloads(resources), ...loadBalancers, ...databases, ...caches, ...functions];
}

/** The network model of a stack. */
export function networkModel(resources: readonly StackResource[]): NetworkModel {
  const associations = ofType(resources, TYPES.routeTableAssociation);
  const subnets = new Map(ofType(resources, TYPES.subnet).map((subnet): [StackResource, SubnetModel] => {
    const association = associations.find((a) => referencedBy(a, "subnetId", TYPES.subnet).includes(subnet));
    const cidr = known(subnet.props, "cidrBlock");
    return [subnet, { resource: subnet, cidr: typeof cidr === "string" ? cidr : undefined, routeTable: association ? first(association, "routeTableId", TYPES.routeTable) : undefined }];
  }));
  return { resources, groups: securityGroups(resources), subnets, routes: routes(resources), endpoints: endpoints(resources), workloads: workloads(resources) };
}

/** The port a workload listens on: the resource's `port`, else its engine's default. */
export function listeningPort(workload: Workload): number | undefined {
  const port = known(workload.resource.props, "port");
  if (typeof port === "number") return port;
  if (workload.kind === "cache") return 6379;
  if (workload.kind === "database") {
    // A read replica takes its source's port (and engine) unless it names one.
    const source = first(workload.resource, "replicateSourceDb", TYPES.database);
    if (source) return listeningPort({ ...workload, resource: source });
    const engine = text(known(workload.resource.props, "engine"));
    // RDS default ports (RDS user guide, "Connecting to a DB instance"): MySQL and MariaDB 3306, PostgreSQL 5432.
    return engine.startsWith("postgres") ? 5432 : engine.startsWith("mysql") || engine.startsWith("mariadb") ? 3306 : undefined;
  }
  return undefined;
}
