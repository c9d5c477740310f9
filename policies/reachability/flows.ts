/**
 * Reachability over a stack's network: every flow the platform intends, open or missing, and
 * every security group rule that opens more than those flows need.
 *
 * Intended flows:
 * - the internet edge (the load balancer's prefix lists: Cloudflare) → each internet-facing load
 *   balancer, on each listener port, through an internet gateway route of its subnets;
 * - each load balancer → the instance groups registered in its target groups, on the target port;
 * - each instance group (web and workers) → each database and cache, on its port;
 * - each instance group → every AWS API its role lets it call (Secrets Manager, SSM, ECR, logs,
 *   metrics, S3, SQS, SES, KMS…), over HTTPS, through an interface endpoint (its private DNS name
 *   answers for the service, so when one exists the traffic goes there), an S3 or DynamoDB gateway
 *   endpoint (same region only: AWS PrivateLink guide, "Gateway endpoints"), or a NAT gateway that
 *   itself routes to an internet gateway;
 * - each instance group → the image registry its boot pulls from when that is not ECR (NAT only);
 * - each Lambda function in the VPC → each database that is not a read replica, on its port (the application-users
 *   function manages users inside the database; it is given its credentials in its event and
 *   calls no AWS API, and Lambda delivers a function's logs itself, outside the function's
 *   network interfaces).
 *
 * Replication and backups are not flows of the model: the RDS and ElastiCache user guides ask
 * for no security group rule for standbys, read replicas or cache replicas (only the clients'
 * ingress), AWS Backup copies recovery points and S3 replicates objects between the services'
 * own endpoints, and RDS publishes log exports and enhanced monitoring itself. That they need no
 * rule of the tenant's groups is what those guides imply, not something this model can prove; a
 * deploy does. A restore test's database takes the database's group, which admits the instances
 * only.
 */
import { contains, parseCidr } from "../../components/network/cidr";
import { record, records, text } from "../rules/values";
import { known, ofType, referencedBy, referencing, type StackResource } from "../stack-view";
import { apiNeeds, internetNeeds } from "./api-needs";
import { listeningPort, networkModel, TYPES, type NetworkModel, type Peer, type SecurityRule, type Workload } from "./network-model";

/** One intended flow and whether the network lets it through. */
export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly status: "open" | "missing";
  /** How it gets through (open flows): security groups, an endpoint, NAT. */
  readonly via: string;
  /** What blocks it (missing flows). */
  readonly reason: string;
  /** The resource a finding names: the flow's source. */
  readonly urn: string;
}

/** A rule that opens something no intended flow needs. */
export interface UnintendedRule {
  readonly urn: string;
  readonly message: string;
}

export interface Reachability {
  readonly flows: Flow[];
  readonly unintended: UnintendedRule[];
  /**
   * False when the stack still hides what its instances need (a role policy or user data unknown
   * during a preview): the flows are then incomplete and a rule no flow uses is not a finding.
   */
  readonly complete: boolean;
}

const HTTPS = 443;
const ANYWHERE = ["0.0.0.0/0", "::/0"];

/** Where a flow goes: groups and subnets (a workload, or an endpoint's network interfaces). */
interface Place {
  readonly label: string;
  readonly groups: readonly StackResource[];
  readonly subnets: readonly StackResource[];
}

function covers(outer: string, inner: string | undefined): boolean {
  if (!inner) return false;
  try {
    return contains(parseCidr(outer), parseCidr(inner));
  } catch {
    return false;
  }
}

function portMatches(rule: SecurityRule, port: number): boolean {
  if (rule.protocol === "-1" || rule.protocol === "all") return true;
  return (rule.protocol === "tcp" || rule.protocol === "6") && rule.fromPort <= port && port <= rule.toPort;
}

function peerText(peer: Peer): string {
  if (peer.kind === "cidr") return peer.cidr;
  if (peer.kind === "group") return `group ${peer.group.name}`;
  return `prefix list ${peer.list?.name ?? "(outside the stack)"}`;
}

class Evaluation {
  /** The ports of the open flows each rule lets through. */
  readonly used = new Map<SecurityRule, Set<number>>();
  readonly flows: Flow[] = [];

  constructor(readonly model: NetworkModel) {}

  private cidrsOf(place: Place): (string | undefined)[] {
    return place.subnets.map((subnet) => this.model.subnets.get(subnet)?.cidr);
  }

  /** Does the peer stand for every address of the place? */
  private peerCovers(peer: Peer, place: Place): boolean {
    if (peer.kind === "group") return place.groups.includes(peer.group);
    const cidrs = this.cidrsOf(place);
    if (cidrs.length === 0) return false;
    const ranges = peer.kind === "cidr" ? [peer.cidr] : peer.entries ?? [];
    return cidrs.every((cidr) => ranges.some((range) => covers(range, cidr)));
  }

  private rules(groups: readonly StackResource[], direction: "ingress" | "egress", port: number, matches: (peer: Peer) => boolean): SecurityRule[] {
    return groups.flatMap((group) => this.model.groups.get(group)?.rules ?? [])
      .filter((rule) => rule.direction === direction && portMatches(rule, port) && matches(rule.peer));
  }

  private record(flow: Omit<Flow, "status" | "via" | "reason">, blockers: string[], via: string, rules: SecurityRule[]): void {
    if (blockers.length === 0) {
      for (const rule of rules) this.used.set(rule, (this.used.get(rule) ?? new Set<number>()).add(flow.port));
      this.flows.push({ ...flow, status: "open", via, reason: "" });
    } else {
      this.flows.push({ ...flow, status: "missing", via: "", reason: blockers.join("; ") });
    }
  }

  /** A flow between two places of the VPC: the source's egress and the destination's ingress (routing is local). */
  between(source: Place & { urn: string }, target: Place, port: number, via = "security groups", to = target.label): void {
    const egress = this.rules(source.groups, "egress", port, (peer) => this.peerCovers(peer, target));
    const ingress = this.rules(target.groups, "ingress", port, (peer) => this.peerCovers(peer, source));
    const blockers = [
      ...(egress.length === 0 ? [`${source.label}'s security groups allow no egress to ${target.label} on tcp/${port}`] : []),
      ...(ingress.length === 0 ? [`${target.label}'s security groups admit no tcp/${port} from ${source.label}`] : []),
    ];
    this.record({ from: source.label, to, port, urn: source.urn }, blockers, via, [...egress, ...ingress]);
  }

  /** The internet edge to a load balancer: an external source admitted, and a route to an internet gateway. */
  fromEdge(lb: Workload, port: number): void {
    const external = (peer: Peer) => (peer.kind === "prefixList" && peer.entries !== undefined && peer.entries.length > 0 && !peer.entries.some((e) => ANYWHERE.includes(e)))
      || (peer.kind === "cidr" && !ANYWHERE.includes(peer.cidr));
    const ingress = this.rules(lb.groups, "ingress", port, external);
    const blockers = [
      ...(known(lb.resource.props, "internal") === true ? [`${lb.label} is internal`] : []),
      ...(ingress.length === 0 ? [`${lb.label}'s security groups admit tcp/${port} from no edge prefix list`] : []),
      ...this.withoutRoute(lb.subnets, "an internet gateway", (table) => this.internetRoute(table)),
    ];
    const via = [...new Set(ingress.map((rule) => peerText(rule.peer)))].join(", ");
    this.record({ from: "internet edge", to: lb.label, port, urn: lb.resource.urn }, blockers, via, ingress);
  }

  private internetRoute(table: StackResource | undefined): boolean {
    return this.model.routes.some((route) => route.table === table && route.destination === "0.0.0.0/0" && route.internetGateway !== undefined);
  }

  private natRoute(table: StackResource | undefined): boolean {
    return this.model.routes.some((route) => {
      if (route.table !== table || route.destination !== "0.0.0.0/0" || !route.natGateway) return false;
      const natSubnet = referencedBy(route.natGateway, "subnetId", TYPES.subnet)[0];
      return natSubnet !== undefined && this.internetRoute(this.model.subnets.get(natSubnet)?.routeTable);
    });
  }

  /** Messages for the subnets whose route table lacks what `has` looks for. */
  private withoutRoute(subnets: readonly StackResource[], what: string, has: (table: StackResource | undefined) => boolean): string[] {
    const missing = subnets.filter((subnet) => !has(this.model.subnets.get(subnet)?.routeTable)).map((subnet) => subnet.name);
    if (subnets.length === 0) return ["it has no subnets"];
    return missing.length > 0 ? [`no route to ${what} from ${missing.join(", ")}`] : [];
  }

  /** Egress rules of the instances to any public address on HTTPS (NAT, gateway endpoints). */
  private publicEgress(workload: Workload): SecurityRule[] {
    return this.rules(workload.groups, "egress", HTTPS, (peer) => (peer.kind === "cidr" && peer.cidr === "0.0.0.0/0") || (peer.kind === "prefixList" && peer.list === undefined));
  }

  /** The instances to an AWS API or an internet host over HTTPS. */
  outbound(workload: Workload, to: string, service: { name: string; region: string | undefined } | undefined, why: string): void {
    const flow = { from: workload.label, to, port: HTTPS, urn: workload.resource.urn };
    if (service && service.region === undefined) {
      this.record(flow, [`the stack cannot tell which region ${why} is in`], "", []);
      return;
    }
    const serviceName = service ? `com.amazonaws.${service.region}.${service.name}` : undefined;
    const vpcEndpoints = this.model.endpoints.filter((e) => e.serviceName === serviceName);
    const iface = vpcEndpoints.find((e) => e.type === "Interface" && e.privateDns);
    if (iface) {
      const endpoint = { label: iface.resource.name, groups: iface.groups, subnets: iface.subnets };
      this.between({ ...workload, urn: workload.resource.urn }, endpoint, HTTPS, `interface endpoint ${iface.resource.name}`, to);
      return;
    }
    const egress = this.publicEgress(workload);
    const noEgress = egress.length === 0 ? [`${workload.label}'s security groups allow no tcp/443 egress to public addresses`] : [];
    const gateway = vpcEndpoints.find((e) => e.type === "Gateway" && service?.region === workload.resource.region);
    if (gateway) {
      const unrouted = this.withoutRoute(workload.subnets, `the ${service!.name} gateway endpoint`, (table) => table !== undefined && gateway.routeTables.includes(table));
      if (unrouted.length === 0) {
        this.record(flow, noEgress, `gateway endpoint ${gateway.resource.name}`, egress);
        return;
      }
    }
    const noNat = this.withoutRoute(workload.subnets, "a NAT gateway", (table) => this.natRoute(table));
    const alternatives = noNat.length > 0 && serviceName ? [`no interface endpoint for ${serviceName}${service!.region === workload.resource.region ? "" : ` (a gateway endpoint serves only ${workload.resource.region ?? "its own region"})`}`] : [];
    this.record(flow, [...noEgress, ...alternatives, ...noNat], "NAT", egress);
  }
}

function describeRule(rule: SecurityRule): string {
  const ports = rule.protocol === "-1" || rule.protocol === "all" ? "all traffic" : `${rule.protocol}/${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
  const open = rule.direction === "ingress" && rule.peer.kind === "cidr" && ANYWHERE.includes(rule.peer.cidr) ? " (the whole internet)" : "";
  return `${rule.direction === "ingress" ? "admits" : "allows out"} ${ports} ${rule.direction === "ingress" ? "from" : "to"} ${peerText(rule.peer)}${open}`;
}

/** Does the peer lie wholly inside one of the VPC blocks? */
function insideVpc(peer: Peer, vpcBlocks: readonly string[]): boolean {
  if (peer.kind === "group") return true;
  const ranges = peer.kind === "cidr" ? [peer.cidr] : peer.entries ?? [];
  return ranges.length > 0 && ranges.every((range) => vpcBlocks.some((block) => covers(block, range)));
}

/**
 * Why a rule opens more than the intended flows need, or undefined when it does not: no flow uses
 * it; it opens ports (or every protocol) beyond those of the flows it serves; or it admits
 * addresses outside the VPC into anything but an internet-facing load balancer.
 */
function beyondFlows(rule: SecurityRule, group: StackResource, usedPorts: ReadonlySet<number> | undefined, model: NetworkModel, internetFacing: ReadonlySet<StackResource>): string | undefined {
  if (!usedPorts) return "which no intended flow needs";
  const allProtocols = rule.protocol === "-1" || rule.protocol === "all";
  if (allProtocols || rule.toPort - rule.fromPort + 1 > usedPorts.size) {
    return `wider than the flows it serves (tcp/${[...usedPorts].sort((a, b) => a - b).join(", ")})`;
  }
  const vpcBlocks = ofType(model.resources, TYPES.vpc).map((vpc) => known(vpc.props, "cidrBlock")).filter((b): b is string => typeof b === "string");
  if (rule.direction === "ingress" && !internetFacing.has(group) && !insideVpc(rule.peer, vpcBlocks)) {
    return "which lets addresses outside the VPC in";
  }
  return undefined;
}

/** Instance groups a load balancer forwards to: through its listeners' target groups, or, while no listener forwards yet, every group registered in a target group. */
function targetsOf(model: NetworkModel, lb: Workload): { workload: Workload; port: number }[] {
  const listeners = referencing(model.resources, lb.resource, TYPES.listener, "loadBalancerArn");
  const forwarded = new Set(listeners.flatMap((listener) => Object.values(listener.references).flat().filter((r) => r.type === TYPES.targetGroup)));
  return model.workloads.filter((w) => w.kind === "instances").flatMap((workload) => {
    const groups = referencedBy(workload.resource, "targetGroupArns", TYPES.targetGroup);
    const served = forwarded.size > 0 ? groups.filter((group) => forwarded.has(group)) : groups;
    return served.map((group) => ({ workload, port: typeof known(group.props, "port") === "number" ? (known(group.props, "port") as number) : 80 }));
  });
}

/** The ports visitors reach a load balancer on: its listeners' ports, and the ports its redirects send them to. */
function listenerPorts(model: NetworkModel, lb: Workload): number[] {
  const listeners = referencing(model.resources, lb.resource, TYPES.listener, "loadBalancerArn");
  const ports = listeners.flatMap((listener) => [
    known(listener.props, "port"),
    // A redirect's port is a number as text, or "#{port}" for the listener's own (ELB user guide, "Redirect actions").
    ...records(known(listener.props, "defaultActions")).map((action) => text(record(action["redirect"])["port"])).filter((port) => /^\d+$/.test(port)).map(Number),
  ]);
  return [...new Set(ports.filter((port): port is number => typeof port === "number" && Number.isInteger(port)))].sort((a, b) => b - a);
}

/** Results already computed, by resource list: the rule and the plan's flow summary share one per plan view. */
const resultsByResources = new WeakMap<readonly StackResource[], Reachability>();

/**
 * Every intended flow of the stack and every rule no flow uses. Computed once per frozen resource
 * list (the plan view of a plan, `plan-view.ts`, which cannot change) and shared: callers only
 * read it. A list that may still change is computed each time.
 */
export function reachability(resources: readonly StackResource[]): Reachability {
  if (!Object.isFrozen(resources)) return computeReachability(resources);
  let result = resultsByResources.get(resources);
  if (!result) {
    result = computeReachability(resources);
    resultsByResources.set(resources, result);
  }
  return result;
}

function computeReachability(resources: readonly StackResource[]): Reachability {
  const model = networkModel(resources);
  const evaluation = new Evaluation(model);
  const instances = model.workloads.filter((w) => w.kind === "instances");
  const dataTier = model.workloads.filter((w) => w.kind === "database" || w.kind === "cache");
  const internetFacing = new Set(model.workloads.filter((w) => w.kind === "load balancer" && known(w.resource.props, "internal") !== true).flatMap((w) => w.groups));
  for (const lb of model.workloads.filter((w) => w.kind === "load balancer")) {
    if (known(lb.resource.props, "internal") !== true) for (const port of listenerPorts(model, lb)) evaluation.fromEdge(lb, port);
    for (const target of targetsOf(model, lb)) evaluation.between({ ...lb, urn: lb.resource.urn }, target.workload, target.port);
  }
  for (const workload of instances) {
    for (const data of dataTier) {
      const port = listeningPort(data);
      if (port !== undefined) evaluation.between({ ...workload, urn: workload.resource.urn }, data, port);
    }
    for (const need of apiNeeds(model, workload)) {
      evaluation.outbound(workload, `${need.service}.${need.region ?? "?"}`, { name: need.service, region: need.region }, need.reason);
    }
    for (const need of internetNeeds(workload)) evaluation.outbound(workload, `internet (${need.host})`, undefined, need.reason);
  }
  for (const fn of model.workloads.filter((w) => w.kind === "function")) {
    // The writer only: replicas take the users the writer replicates to them.
    for (const data of dataTier.filter((w) => w.kind === "database" && referencedBy(w.resource, "replicateSourceDb", TYPES.database).length === 0)) {
      const port = listeningPort(data);
      if (port !== undefined) evaluation.between({ ...fn, urn: fn.resource.urn }, data, port);
    }
  }
  const unintended = [...model.groups.values()].flatMap((group) => group.rules.flatMap((rule) => {
    const problem = beyondFlows(rule, group.resource, evaluation.used.get(rule), model, internetFacing);
    return problem ? [{ urn: rule.resource.urn, message: `${group.resource.name} ${describeRule(rule)}, ${problem}` }] : [];
  }));
  const complete = [...ofType(resources, TYPES.rolePolicy).map((p) => known(p.props, "policy")), ...ofType(resources, TYPES.launchTemplate).map((t) => known(t.props, "userData"))]
    .every((value) => typeof value === "string");
  return { flows: evaluation.flows, unintended: complete ? unintended : [], complete };
}
