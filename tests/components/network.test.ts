/**
 * The Network component on its own: a small args object (two zones, NAT left to its default, one
 * interface endpoint), explicit providers, and what its doc comments promise
 * (components/network/network.ts): subnets per zone and tier named by zone letter, secure
 * defaults, NAT strategies, and zone changes that leave existing zones untouched.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Network, type NetworkArgs } from "../../components/network";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, childrenOfType, conventionViolations, idOf } from "./conventions";
import { KEY_ARN } from "./sample-ids";

const SUBNET = "aws:ec2/subnet:Subnet";
const NAT = "aws:ec2/natGateway:NatGateway";
const ROUTE = "aws:ec2/route:Route";

const ARGS: NetworkArgs = {
  cidrBlock: "10.20.0.0/16",
  availabilityZones: ["eu-central-1a", "eu-central-1b"],
  flowLogs: { kmsKeyArn: KEY_ARN },
  interfaceEndpoints: ["ssm"],
};

const planNetwork = (args: NetworkArgs) => planComponent(({ opts }) => new Network("shop", args, opts));
const cidrs = (plan: ComponentPlan) => Object.fromEntries([...childrenOfType(plan, SUBNET)].map(([name, s]) => [name, s.inputs["cidrBlock"]]));

let plan: ComponentPlan;
beforeAll(async () => {
  plan = await planNetwork(ARGS);
});

describe("Network, alone", () => {
  it("keeps the component conventions: children below it on the given provider, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, {
      type: "tenant-platform:network:Network",
      name: "shop",
      outputs: ["vpcId", "availabilityZones", "publicSubnetIds", "privateSubnetIds", "isolatedSubnetIds", "natPublicIps", "privateRouteTableIds", "flowLogGroupName"],
    })).toEqual([]);
    const subnetId = (name: string) => idOf(plan, child(plan, SUBNET, name));
    expect(plan.componentOutputs).toMatchObject({
      vpcId: idOf(plan, child(plan, "aws:ec2/vpc:Vpc", "shop-vpc")),
      availabilityZones: ["eu-central-1a", "eu-central-1b"],
      publicSubnetIds: [subnetId("shop-public-a"), subnetId("shop-public-b")],
      privateSubnetIds: [subnetId("shop-private-a"), subnetId("shop-private-b")],
      isolatedSubnetIds: [subnetId("shop-isolated-a"), subnetId("shop-isolated-b")],
    });
  });

  it("lays out a public, a private and an isolated subnet per zone, named by the zone's letter, none assigning public IPs", () => {
    const subnets = childrenOfType(plan, SUBNET);
    expect([...subnets.keys()].sort()).toEqual([
      "shop-isolated-a", "shop-isolated-b", "shop-private-a", "shop-private-b", "shop-public-a", "shop-public-b",
    ]);
    for (const [name, subnet] of subnets) expect(subnet.inputs["mapPublicIpOnLaunch"], name).toBe(false);
    expect(child(plan, SUBNET, "shop-private-b").inputs).toMatchObject({ availabilityZone: "eu-central-1b", cidrBlock: "10.20.32.0/20" });
  });

  it("empties the default security group and routes isolated subnets nowhere", () => {
    expect(child(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "shop-default-sg").inputs).toMatchObject({ ingress: [], egress: [] });
    const isolated = idOf(plan, child(plan, "aws:ec2/routeTable:RouteTable", "shop-isolated"));
    expect(plan.descendants.filter((r) => r.type === ROUTE && r.inputs["routeTableId"] === isolated)).toEqual([]);
  });

  it("shares one NAT gateway by default (nat: single), in the first zone's public subnet", () => {
    const gateways = [...childrenOfType(plan, NAT).values()];
    expect(gateways.map((g) => g.name)).toEqual(["shop-nat-a"]);
    expect(gateways[0]!.inputs["subnetId"]).toBe(idOf(plan, child(plan, SUBNET, "shop-public-a")));
    for (const letter of ["a", "b"]) {
      expect(child(plan, ROUTE, `shop-private-${letter}-internet`).inputs["natGatewayId"]).toBe(idOf(plan, gateways[0]!));
    }
  });

  it("records all traffic into a log group encrypted with the given key, kept 90 days by default", () => {
    expect(child(plan, "aws:cloudwatch/logGroup:LogGroup", "shop-flow-logs").inputs).toMatchObject({ retentionInDays: 90, kmsKeyId: KEY_ARN });
    expect(child(plan, "aws:ec2/flowLog:FlowLog", "shop-flow-logs").inputs).toMatchObject({
      trafficType: "ALL", logDestinationType: "cloud-watch-logs", vpcId: idOf(plan, child(plan, "aws:ec2/vpc:Vpc", "shop-vpc")),
    });
    const trust = JSON.parse(child(plan, "aws:iam/role:Role", "shop-flow-logs").inputs["assumeRolePolicy"] as string);
    // The account comes from the given provider's caller identity (the conventions check its provider).
    expect(trust.Statement[0].Condition.StringEquals).toEqual({ "aws:SourceAccount": "123456789012" });
  });

  it("reaches S3 through a gateway endpoint of the zones' region, and the asked services through interface endpoints in the private subnets", () => {
    expect(child(plan, "aws:ec2/vpcEndpoint:VpcEndpoint", "shop-s3").inputs).toMatchObject({ serviceName: "com.amazonaws.eu-central-1.s3", vpcEndpointType: "Gateway" });
    const ssm = child(plan, "aws:ec2/vpcEndpoint:VpcEndpoint", "shop-endpoint-ssm");
    expect(ssm.inputs).toMatchObject({
      serviceName: "com.amazonaws.eu-central-1.ssm",
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      subnetIds: ["shop-private-a", "shop-private-b"].map((name) => idOf(plan, child(plan, SUBNET, name))),
    });
    expect(child(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "shop-endpoints-https").inputs).toMatchObject({ cidrIpv4: "10.20.0.0/16", fromPort: 443, toPort: 443 });
  });
});

describe("Network across zone changes", () => {
  let three: ComponentPlan;
  let reversedPerZone: ComponentPlan;
  beforeAll(async () => {
    three = await planNetwork({ ...ARGS, availabilityZones: ["eu-central-1a", "eu-central-1b", "eu-central-1c"] });
    reversedPerZone = await planNetwork({ ...ARGS, availabilityZones: ["eu-central-1b", "eu-central-1a"], nat: "perZone" });
  });

  it("adding a zone only adds resources: every existing child keeps its URN and inputs, the interface endpoints gain the zone's subnet", () => {
    const after = new Map(three.descendants.map((r) => [r.urn, r]));
    const ssm = child(three, "aws:ec2/vpcEndpoint:VpcEndpoint", "shop-endpoint-ssm");
    for (const before of plan.descendants) {
      // An interface endpoint's subnets change in place (`subnet_ids` is Optional and Computed, not
      // ForceNew: terraform-provider-aws internal/service/ec2/vpc_endpoint.go).
      const expected = before.urn === ssm.urn ? { ...before.inputs, subnetIds: [...(before.inputs["subnetIds"] as string[]), idOf(three, child(three, SUBNET, "shop-private-c"))] } : before.inputs;
      expect(after.get(before.urn)?.inputs, before.urn).toEqual(expected);
    }
    const added = three.descendants.filter((r) => !plan.descendants.some((b) => b.urn === r.urn)).map((r) => `${r.type} ${r.name}`).sort();
    expect(added).toEqual([
      "aws:ec2/route:Route shop-private-c-internet",
      "aws:ec2/routeTable:RouteTable shop-private-c",
      "aws:ec2/routeTableAssociation:RouteTableAssociation shop-isolated-c",
      "aws:ec2/routeTableAssociation:RouteTableAssociation shop-private-c",
      "aws:ec2/routeTableAssociation:RouteTableAssociation shop-public-c",
      "aws:ec2/subnet:Subnet shop-isolated-c",
      "aws:ec2/subnet:Subnet shop-private-c",
      "aws:ec2/subnet:Subnet shop-public-c",
      "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation shop-s3-private-c",
    ]);
  });

  it("addresses each zone by its letter whatever the list order; nat: perZone gives each zone its own gateway", () => {
    expect(cidrs(reversedPerZone)).toEqual(cidrs(plan));
    for (const letter of ["a", "b"]) {
      const gateway = child(reversedPerZone, NAT, `shop-nat-${letter}`);
      expect(gateway.inputs["subnetId"]).toBe(idOf(reversedPerZone, child(reversedPerZone, SUBNET, `shop-public-${letter}`)));
      expect(child(reversedPerZone, ROUTE, `shop-private-${letter}-internet`).inputs["natGatewayId"]).toBe(idOf(reversedPerZone, gateway));
      expect(gateway.options.dependsOn).toEqual([child(reversedPerZone, "aws:ec2/internetGateway:InternetGateway", "shop-igw").urn]);
    }
  });
});
