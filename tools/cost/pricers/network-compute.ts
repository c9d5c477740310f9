/** Pricers of the web tier and the network: instances, NAT, public addresses, load balancer, endpoints. */
import type { PlannedResource } from "../../../policies/plan-types";
import type { CostPart } from "../estimate-types";
import { numberInput, part, stringInput, unknownPart, type Pricer, type PricingContext } from "../pricing-context";

/** "2" or "2–6". */
export function countRange(min: number, max: number): string {
  return min === max ? `${min}` : `${min}–${max}`;
}

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** The EBS volumes of a launch template, per instance. */
function volumeParts(template: PlannedResource, region: string | undefined, min: number, max: number, context: PricingContext): CostPart[] {
  const mappings = template.inputs["blockDeviceMappings"];
  if (!Array.isArray(mappings)) return [];
  return mappings.flatMap((mapping: { ebs?: { volumeSize?: unknown; volumeType?: unknown } }) => {
    const size = Number(mapping.ebs?.volumeSize);
    if (!Number.isFinite(size) || size <= 0) return [];
    const type = typeof mapping.ebs?.volumeType === "string" ? mapping.ebs.volumeType : "gp3";
    const label = `${countRange(min, max)} × ${size} GB ${type} volume`;
    if (type !== "gp3") return [unknownPart(label, `no price for EBS ${type} volumes in the price table`)];
    return [part(label, context.price(region, "ebsGp3GbMonth"), size * min, size * max)];
  });
}

/** An Auto Scaling group: its launch template's instance type at the group's minimum and maximum size. */
export const priceAutoScalingGroup: Pricer = (group, context) => {
  const region = context.regionOf(group);
  const min = numberInput(group, "minSize") ?? 0;
  const max = numberInput(group, "maxSize") ?? min;
  const reference = group.inputs["launchTemplate"] as { id?: unknown } | undefined;
  const template = context.resourceWithId(reference?.id);
  const instanceType = template ? stringInput(template, "instanceType") : undefined;
  if (!template || !instanceType) {
    return [unknownPart(`${countRange(min, max)} instances`, "the group's launch template (and so its instance type) is not in the plan")];
  }
  const hours = context.hours;
  const parts = [
    part(`${countRange(min, max)} × ${instanceType} × ${hours} h`, context.listed(region, "ec2Hourly", instanceType), min * hours, max * hours),
    ...volumeParts(template, region, min, max, context),
  ];
  const monitoring = template.inputs["monitoring"] as { enabled?: unknown } | undefined;
  if (monitoring?.enabled === true || monitoring?.enabled === "true") {
    parts.push(part(`detailed monitoring of ${countRange(min, max)} instances`, context.price(region, "ec2DetailedMonitoringMonth"), min, max));
  }
  return parts;
};

/** A NAT gateway: hours, and its share of the assumed traffic. */
export const priceNatGateway: Pricer = (gateway, context) => {
  const region = context.regionOf(gateway);
  const gateways = context.ofType(gateway.type).length;
  const gb = context.assumptions.natProcessedGb / gateways;
  return [
    part(`${context.hours} h`, context.price(region, "natGatewayHourly"), context.hours),
    part(`${round(gb)} GB processed (natProcessedGb ${context.assumptions.natProcessedGb} / ${gateways} gateways)`, context.price(region, "natGatewayGb"), gb),
  ];
};

/** An Elastic IP: a public IPv4 address, billed by the hour. */
export const priceElasticIp: Pricer = (address, context) => [
  part(`public IPv4 address × ${context.hours} h`, context.price(context.regionOf(address), "publicIpv4Hourly"), context.hours),
];

/** A load balancer: hours, capacity units, its public addresses (one per subnet) and the traffic it sends out. */
export const priceLoadBalancer: Pricer = (balancer, context) => {
  const region = context.regionOf(balancer);
  const kind = stringInput(balancer, "loadBalancerType") ?? "application";
  if (kind !== "application") return [unknownPart(`${kind} load balancer`, `no price for ${kind} load balancers in the price table`)];
  const hours = context.hours;
  const { loadBalancerLcu, internetEgressGb } = context.assumptions;
  const parts = [
    part(`${hours} h`, context.price(region, "albHourly"), hours),
    part(`${loadBalancerLcu} LCU × ${hours} h (loadBalancerLcu)`, context.price(region, "albLcuHourly"), loadBalancerLcu * hours),
  ];
  const internal = balancer.inputs["internal"] === true || balancer.inputs["internal"] === "true";
  if (!internal) {
    const addresses = listLength(balancer.inputs["subnets"]) || listLength(balancer.inputs["subnetMappings"]);
    parts.push(part(`${addresses} public IPv4 addresses × ${hours} h`, context.price(region, "publicIpv4Hourly"), addresses * hours));
    parts.push(part(`${internetEgressGb} GB out to visitors (internetEgressGb)`, context.price(region, "internetOutGb"), internetEgressGb));
  }
  return parts;
};

/** A VPC endpoint: gateway endpoints are free; interface endpoints cost per zone and hour, and per GB. */
export const priceVpcEndpoint: Pricer = (endpoint, context) => {
  if ((stringInput(endpoint, "vpcEndpointType") ?? "Gateway") === "Gateway") return [];
  const region = context.regionOf(endpoint);
  const zones = Math.max(1, listLength(endpoint.inputs["subnetIds"]));
  const gb = context.assumptions.interfaceEndpointGb;
  return [
    part(`${zones} zones × ${context.hours} h`, context.price(region, "interfaceEndpointHourly"), zones * context.hours),
    part(`${gb} GB processed (interfaceEndpointGb)`, context.price(region, "interfaceEndpointGb"), gb),
  ];
};

/** A number rounded to two decimals, for labels. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
