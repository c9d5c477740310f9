/**
 * A tenant at a glance, as a Mermaid flowchart that fits a screen: the traffic path (Cloudflare →
 * load balancer → instances), the data path (instances → database, replicas, cache, buckets, AWS
 * APIs) and the backups.
 *
 * The edges are the plan's own facts, not a drawing: network flows come from the reachability
 * model (policies/reachability/flows.ts: what the security groups, routes and endpoints let
 * through; a missing flow is drawn dashed and marked), the other edges from the property
 * dependencies the program reported to the engine (a backup selection naming the database, an
 * instance policy naming a bucket, a load balancer naming its log bucket).
 *
 * Layout: the workloads (load balancers, instance groups, databases, caches) inside the VPC, one
 * subgraph per component; every other component is one node summarising it. The per-component
 * detail diagrams (diagram-detail.ts) show every resource.
 */
import { planStackResources } from "../../policies/plan-view";
import { reachability } from "../../policies/reachability/flows";
import { networkModel, type Workload } from "../../policies/reachability/network-model";
import { childrenByParent } from "./plan-graph";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { label } from "./mermaid-text";

const TENANT_TYPE = "tenant-platform:tenant:Tenant";
/** Components every other one uses: an edge to each would say nothing, so they are left out. */
const LEFT_OUT = new Set(["tenant-platform:kms:TenantKey", "tenant-platform:network:Network"]);
const BUCKET_TYPES = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);
const QUEUE_TYPE = "aws:sqs/queue:Queue";

interface Node {
  readonly id: string;
  readonly shape: "box" | "cylinder";
  readonly lines: readonly string[];
}

function text(resource: PlannedResource | undefined, key: string): string {
  const value = resource?.inputs[key];
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

function joined(...parts: string[]): string {
  return parts.filter((part) => part !== "").join(" ");
}

function draw(node: Node): string {
  const body = label(...node.lines);
  return node.shape === "cylinder" ? `${node.id}[(${body})]` : `${node.id}[${body}]`;
}

/** The lines of a workload's node: what it is, its name, its size. */
function workloadLines(workload: Workload, resource: PlannedResource | undefined): string[] {
  switch (workload.kind) {
    case "load balancer":
      return [`load balancer ${workload.label}`, text(resource, "loadBalancerType")];
    case "instances":
      return [`instances ${workload.label}`, `${text(resource, "minSize") || "?"}–${text(resource, "maxSize") || "?"} instances`];
    case "database":
      return [`database ${workload.label}`, joined(text(resource, "engine"), text(resource, "engineVersion"), text(resource, "instanceClass"))];
    case "cache":
      return [`cache ${workload.label}`, joined(text(resource, "engine"), text(resource, "nodeType"))];
    case "function":
      return [`function ${workload.label}`, text(resource, "runtime")];
  }
}

/** The lines of a component drawn as one node: its kind and name, and what a reviewer looks for. */
function componentLines(component: PlannedResource, members: readonly PlannedResource[]): string[] {
  const kind = component.type.split(":").pop() ?? component.type;
  const count = (type: string): number => members.filter((member) => member.type === type).length;
  const lines = [`${kind} ${component.name}`];
  if (kind === "Edge") {
    const zone = members.find((member) => member.type === "cloudflare:index/zone:Zone");
    lines.unshift("Cloudflare");
    lines.push(zone ? `zone ${text(zone, "name")}` : "existing zone", "DNS, TLS, WAF, cache");
  } else if (kind === "Backup") {
    const regions = [...new Set(members.filter((m) => m.type === "aws:backup/vault:Vault").map((m) => text(m, "region")).filter((r) => r !== ""))];
    lines.push(`${count("aws:backup/vault:Vault")} vaults${regions.length > 0 ? `, copies to ${regions.join(", ")}` : ""}`);
    const replicated = count("aws:s3/bucketReplicationConfig:BucketReplicationConfig");
    if (replicated > 0) lines.push(`${replicated} bucket${replicated > 1 ? "s" : ""} replicated`);
  } else if (kind === "Monitoring") {
    lines.push(`${count("aws:cloudwatch/metricAlarm:MetricAlarm")} alarms`);
  } else {
    const buckets = members.filter((member) => BUCKET_TYPES.has(member.type));
    if (buckets.length > 0) lines.push(...buckets.map((bucket) => `bucket ${bucket.name}`));
    else lines.push(`${members.length} resources`);
  }
  return lines;
}

/** The overview flowchart of one tenant's plan. */
export function renderOverview(plan: TenantPlan): string {
  const byUrn = new Map(plan.resources.map((resource) => [resource.urn, resource]));
  const tenant = plan.resources.find((resource) => resource.type === TENANT_TYPE);
  const components = (tenant ? childrenByParent(plan).get(tenant.urn) ?? [] : []).filter((resource) => !resource.custom && !LEFT_OUT.has(resource.type));
  const componentOf = (urn: string): PlannedResource | undefined => {
    let current = byUrn.get(urn);
    while (current && current.parent !== tenant?.urn) current = current.parent ? byUrn.get(current.parent) : undefined;
    return current && components.includes(current) ? current : undefined;
  };
  const membersOf = (component: PlannedResource): PlannedResource[] => plan.resources.filter((r) => r.custom && componentOf(r.urn) === component);

  const view = planStackResources(plan);
  const model = networkModel(view);
  let counter = 0;
  const nextId = (): string => `n${counter++}`;

  // Nodes: workloads by their URN; other components as one node; buckets of workload components.
  const workloadNodes = new Map<string, Node & { readonly component: PlannedResource }>();
  for (const workload of model.workloads) {
    const component = componentOf(workload.resource.urn);
    if (!component) continue;
    const shape = workload.kind === "database" || workload.kind === "cache" ? "cylinder" : "box";
    workloadNodes.set(workload.resource.urn, { id: nextId(), shape, lines: workloadLines(workload, byUrn.get(workload.resource.urn)), component });
  }
  const workloadComponents = new Set([...workloadNodes.values()].map((node) => node.component));
  const componentNodes = new Map<PlannedResource, Node>();
  for (const component of components.filter((c) => !workloadComponents.has(c))) {
    componentNodes.set(component, { id: nextId(), shape: component.type.endsWith(":Edge") || component.type.endsWith(":Monitoring") ? "box" : "cylinder", lines: componentLines(component, membersOf(component)) });
  }
  /** Data a workload component keeps outside the network: a load balancer's log bucket, a worker queue. */
  const looseBuckets = new Map<string, Node>();
  for (const component of workloadComponents) {
    // A dead-letter queue is named by its queue's redrive policy: it is part of that queue, not drawn.
    const deadLetter = new Set(membersOf(component).filter((m) => m.type === QUEUE_TYPE).flatMap((m) => plan.propertyDependencies[m.urn]?.["redrivePolicy"] ?? []));
    for (const member of membersOf(component).filter((m) => BUCKET_TYPES.has(m.type) || (m.type === QUEUE_TYPE && !deadLetter.has(m.urn)))) {
      looseBuckets.set(member.urn, { id: nextId(), shape: "cylinder", lines: [`${member.type === QUEUE_TYPE ? "queue" : "bucket"} ${member.name}`] });
    }
  }
  /** The node standing for a resource: its workload, its loose bucket, or its component's node. */
  const nodeOf = (urn: string): Node | undefined => {
    const own = workloadNodes.get(urn) ?? looseBuckets.get(urn);
    if (own) return own;
    const component = componentOf(urn);
    return component ? componentNodes.get(component) : undefined;
  };

  const edges: string[] = [];
  const linked = new Set<string>();
  const link = (from: Node | undefined, to: Node | undefined, edgeText: string, style: "solid" | "dashed"): void => {
    if (!from || !to || from === to || linked.has(`${from.id}>${to.id}`)) return;
    linked.add(`${from.id}>${to.id}`);
    edges.push(`  ${from.id} ${style === "solid" ? "-->" : "-.->"}|"${edgeText}"| ${to.id}`);
  };

  // Network flows: one edge per source and destination, its ports together.
  const edgeComponent = components.find((component) => component.type.endsWith(":Edge"));
  const workloadByLabel = new Map(model.workloads.map((workload) => [workload.label, workload]));
  const flowNode = (flowLabel: string): Node | undefined => {
    if (flowLabel === "internet edge") return edgeComponent ? componentNodes.get(edgeComponent) : undefined;
    const workload = workloadByLabel.get(flowLabel);
    return workload ? workloadNodes.get(workload.resource.urn) : undefined;
  };
  const byPair = new Map<string, { from: Node; to: Node; ports: Set<number>; missing: boolean }>();
  const apis = new Map<Node, { names: Set<string>; via: Set<string>; missing: boolean }>();
  for (const flow of reachability(view).flows) {
    const from = flowNode(flow.from);
    if (!from) continue;
    const to = flowNode(flow.to);
    if (to) {
      const entry = byPair.get(`${from.id}>${to.id}`) ?? { from, to, ports: new Set<number>(), missing: false };
      entry.ports.add(flow.port);
      entry.missing ||= flow.status === "missing";
      byPair.set(`${from.id}>${to.id}`, entry);
    } else {
      const entry = apis.get(from) ?? { names: new Set<string>(), via: new Set<string>(), missing: false };
      entry.names.add(flow.to.replace(/\.[a-z]{2}(-[a-z]+)+-\d$/, ""));
      if (flow.status === "open") entry.via.add(flow.via.includes("NAT") ? "NAT" : "endpoints");
      entry.missing ||= flow.status === "missing";
      apis.set(from, entry);
    }
  }
  for (const { from, to, ports, missing } of byPair.values()) {
    const portText = [...ports].sort((a, b) => a - b).map((port) => `tcp/${port}`).join(", ");
    link(from, to, missing ? `MISSING ${portText}` : portText, missing ? "dashed" : "solid");
  }
  // One node for the AWS APIs and registries every instance group calls.
  const apiNames = [...new Set([...apis.values()].flatMap((entry) => [...entry.names]))].sort();
  const via = [...new Set([...apis.values()].flatMap((entry) => [...entry.via]))].sort();
  const apiNodes: Node[] = apiNames.length === 0 ? [] : [{
    id: nextId(),
    shape: "box",
    lines: ["AWS APIs and registries", apiNames.length > 4 ? `${apiNames.slice(0, 4).join(", ")} +${apiNames.length - 4}` : apiNames.join(", "), via.length > 0 ? `via ${via.join(", ")}` : ""],
  }];
  for (const [from, { missing }] of apis) link(from, apiNodes[0], missing ? "MISSING HTTPS" : "HTTPS", missing ? "dashed" : "solid");

  // Backups: the plan's selections name what they protect.
  for (const selection of plan.resources.filter((r) => r.type === "aws:backup/selection:Selection")) {
    for (const target of plan.propertyDependencies[selection.urn]?.["resources"] ?? []) link(nodeOf(selection.urn), nodeOf(target), "backs up", "dashed");
  }
  // A load balancer's access logs (its `accessLogs.bucket`).
  for (const [urn, node] of workloadNodes) {
    for (const [property, dependencies] of Object.entries(plan.propertyDependencies[urn] ?? {})) {
      if (property !== "accessLogs") continue;
      for (const dependency of dependencies) link(node, looseBuckets.get(dependency), "access logs", "dashed");
    }
  }
  // Instances using their own component's queue: the component's role policy or boot script names it.
  const instanceNodes = (component: PlannedResource): Node[] =>
    model.workloads.filter((w) => w.kind === "instances").map((w) => workloadNodes.get(w.resource.urn)).filter((node): node is Node & { component: PlannedResource } => node?.component === component);
  for (const [urn, properties] of Object.entries(plan.propertyDependencies)) {
    const component = componentOf(urn);
    if (!component || !workloadComponents.has(component) || workloadNodes.has(urn)) continue;
    for (const dependency of Object.values(properties).flat()) {
      if (byUrn.get(dependency)?.type !== QUEUE_TYPE || !looseBuckets.has(dependency)) continue;
      for (const node of instanceNodes(component)) link(node, looseBuckets.get(dependency), "uses", "solid");
    }
  }
  // Instances using another component's data: a resource of theirs (role policy, boot script) names it.
  for (const [urn, properties] of Object.entries(plan.propertyDependencies)) {
    const component = componentOf(urn);
    if (!component || !workloadComponents.has(component)) continue;
    for (const dependency of Object.values(properties).flat()) {
      const target = componentOf(dependency);
      if (!target || workloadComponents.has(target) || target.type.endsWith(":Backup") || target.type.endsWith(":Monitoring") || target.type.endsWith(":Edge")) continue;
      for (const node of instanceNodes(component)) link(node, componentNodes.get(target), "uses", "solid");
    }
  }

  const vpc = plan.resources.find((r) => r.type === "aws:ec2/vpc:Vpc");
  const region = plan.resources.find((r) => r.type === "pulumi:providers:aws" && typeof r.inputs["region"] === "string");
  const lines = ["flowchart LR"];
  for (const node of componentNodes.values()) lines.push(`  ${draw(node)}`);
  if (workloadNodes.size > 0) {
    lines.push(`  subgraph vpc[${label(joined("VPC", text(vpc, "cidrBlock"), text(region, "region")))}]`);
    for (const component of workloadComponents) {
      lines.push(`    subgraph c${[...workloadNodes.values()].find((node) => node.component === component)!.id}[${label(`${component.type.split(":").pop()} ${component.name}`)}]`);
      for (const node of workloadNodes.values()) if (node.component === component) lines.push(`      ${draw(node)}`);
      lines.push("    end");
    }
    lines.push("  end");
  } else if (vpc) {
    // Nothing runs in the network yet: the network itself is what there is to see.
    const subnets = plan.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet").length;
    const nats = plan.resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway").length;
    lines.push(`  vpc[${label(joined("VPC", text(vpc, "cidrBlock"), text(region, "region")), `${subnets} subnets, ${nats} NAT gateways`)}]`);
  }
  for (const node of [...looseBuckets.values(), ...apiNodes]) lines.push(`  ${draw(node)}`);
  return `${[...lines, ...edges].join("\n")}\n`;
}
