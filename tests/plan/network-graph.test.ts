/** The Network component as the offline plan records it: layout, NAT strategies, secure defaults. */
import { afterEach, describe, expect, it } from "vitest";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { ofType, planYaml, removeTempFolders, tenantYaml } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

const byName = (plan: TenantPlan, type: string, name: string): PlannedResource => {
  const found = ofType(plan, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
};
const idOf = (plan: TenantPlan, resource: PlannedResource): string => plan.ids[resource.urn]!;

describe("Network", () => {
  it("creates three subnets per zone, none assigning public IPs on launch", async () => {
    const plan = await planYaml("acme", tenantYaml({ zones: "3" }));
    const subnets = ofType(plan, "aws:ec2/subnet:Subnet");
    expect(subnets.map((s) => s.name).sort()).toEqual([
      "acme-isolated-a", "acme-isolated-b", "acme-isolated-c",
      "acme-private-a", "acme-private-b", "acme-private-c",
      "acme-public-a", "acme-public-b", "acme-public-c",
    ]);
    for (const subnet of subnets) expect(subnet.inputs["mapPublicIpOnLaunch"], subnet.name).toBe(false);
    expect(byName(plan, "aws:ec2/subnet:Subnet", "acme-private-c").inputs).toMatchObject({
      cidrBlock: "10.20.64.0/20",
      availabilityZone: "eu-central-1c",
    });
  });

  it("empties the default security group", async () => {
    const plan = await planYaml("acme", tenantYaml({}));
    const [group] = ofType(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    expect(group!.inputs["ingress"]).toEqual([]);
    expect(group!.inputs["egress"]).toEqual([]);
  });

  it("routes the public subnets through the internet gateway and the isolated ones nowhere", async () => {
    const plan = await planYaml("acme", tenantYaml({ nat: "perZone" }));
    const routes = ofType(plan, "aws:ec2/route:Route");
    const igw = byName(plan, "aws:ec2/internetGateway:InternetGateway", "acme-igw");
    const publicRoute = byName(plan, "aws:ec2/route:Route", "acme-public-internet");
    expect(publicRoute.inputs["gatewayId"]).toBe(idOf(plan, igw));
    const isolatedTable = idOf(plan, byName(plan, "aws:ec2/routeTable:RouteTable", "acme-isolated"));
    expect(routes.filter((r) => r.inputs["routeTableId"] === isolatedTable)).toEqual([]);
  });

  it("has no NAT and no private default route with nat: none", async () => {
    const plan = await planYaml("acme", tenantYaml({ nat: "none" }));
    expect(ofType(plan, "aws:ec2/natGateway:NatGateway")).toEqual([]);
    expect(ofType(plan, "aws:ec2/eip:Eip")).toEqual([]);
    expect(ofType(plan, "aws:ec2/route:Route").map((r) => r.name)).toEqual(["acme-public-internet"]);
  });

  it("shares one NAT gateway in the first zone's public subnet with nat: single", async () => {
    const plan = await planYaml("acme", tenantYaml({ nat: "single", zones: "[eu-central-1c, eu-central-1b]" }));
    const gateways = ofType(plan, "aws:ec2/natGateway:NatGateway");
    expect(gateways.map((g) => g.name)).toEqual(["acme-nat-b"]);
    expect(gateways[0]!.inputs["subnetId"]).toBe(idOf(plan, byName(plan, "aws:ec2/subnet:Subnet", "acme-public-b")));
    for (const letter of ["b", "c"]) {
      expect(byName(plan, "aws:ec2/route:Route", `acme-private-${letter}-internet`).inputs["natGatewayId"]).toBe(idOf(plan, gateways[0]!));
    }
  });

  it("gives each zone its own NAT gateway with nat: perZone", async () => {
    const plan = await planYaml("acme", tenantYaml({ nat: "perZone", zones: "3" }));
    for (const letter of ["a", "b", "c"]) {
      const gateway = byName(plan, "aws:ec2/natGateway:NatGateway", `acme-nat-${letter}`);
      expect(gateway.inputs["subnetId"]).toBe(idOf(plan, byName(plan, "aws:ec2/subnet:Subnet", `acme-public-${letter}`)));
      expect(byName(plan, "aws:ec2/route:Route", `acme-private-${letter}-internet`).inputs["natGatewayId"]).toBe(idOf(plan, gateway));
      expect(gateway.options.dependsOn).toContain(byName(plan, "aws:ec2/internetGateway:InternetGateway", "acme-igw").urn);
    }
  });

  it("reaches S3 through a gateway endpoint on every private and isolated route table", async () => {
    const plan = await planYaml("acme", tenantYaml({ zones: "3" }));
    const endpoint = byName(plan, "aws:ec2/vpcEndpoint:VpcEndpoint", "acme-s3");
    expect(endpoint.inputs).toMatchObject({ serviceName: "com.amazonaws.eu-central-1.s3", vpcEndpointType: "Gateway" });
    const tables = ofType(plan, "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation")
      .map((a) => a.inputs["routeTableId"]);
    const expected = ["acme-private-a", "acme-private-b", "acme-private-c", "acme-isolated"]
      .map((name) => idOf(plan, byName(plan, "aws:ec2/routeTable:RouteTable", name)));
    expect(tables.sort()).toEqual(expected.sort());
  });

  it("records all traffic into a log group encrypted with the tenant key, kept as the file says", async () => {
    const plan = await planYaml("acme", tenantYaml({ flowLogs: "{ retentionDays: 365 }" }));
    const logGroup = byName(plan, "aws:cloudwatch/logGroup:LogGroup", "acme-flow-logs");
    const key = byName(plan, "aws:kms/key:Key", "acme-key");
    expect(logGroup.inputs["retentionInDays"]).toBe(365);
    expect(logGroup.inputs["kmsKeyId"]).toMatch(/^arn:aws:kms:eu-central-1:123456789012:key\//);
    expect(logGroup.inputs["kmsKeyId"]).toBe(`arn:aws:kms:eu-central-1:123456789012:key/${idOf(plan, key)}`);
    const flowLog = byName(plan, "aws:ec2/flowLog:FlowLog", "acme-flow-logs");
    expect(flowLog.inputs).toMatchObject({ trafficType: "ALL", logDestinationType: "cloud-watch-logs", vpcId: idOf(plan, byName(plan, "aws:ec2/vpc:Vpc", "acme-vpc")) });
    const trust = JSON.parse(byName(plan, "aws:iam/role:Role", "acme-flow-logs").inputs["assumeRolePolicy"] as string);
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-central-1:123456789012:vpc-flow-log/*" },
    });
  });

  it("keeps the tenant key: rotation on, protected and retained on delete", async () => {
    const plan = await planYaml("acme", tenantYaml({}));
    const key = byName(plan, "aws:kms/key:Key", "acme-key");
    expect(key.inputs["enableKeyRotation"]).toBe(true);
    expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
  });
});

describe("Network across zone changes", () => {
  /** URN → inputs of every resource but the stack, whose outputs legitimately change. */
  const resources = (plan: TenantPlan) =>
    new Map(plan.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => [r.urn, r]));

  it.each([
    ["a count", "2", "3", "single"],
    ["explicit names", "[eu-central-1a, eu-central-1b]", "[eu-central-1a, eu-central-1b, eu-central-1c]", "single"],
    ["a count, NAT per zone", "2", "3", "perZone"],
  ])("going from 2 to 3 zones (%s) only adds resources", async (_label, two, three, nat) => {
    const before = resources(await planYaml("acme", tenantYaml({ zones: two, nat })));
    const after = resources(await planYaml("acme", tenantYaml({ zones: three, nat })));
    for (const [urn, resource] of before) {
      expect(after.has(urn), `${urn} disappeared`).toBe(true);
      expect(after.get(urn)!.inputs, `${urn} changed`).toEqual(resource.inputs);
      expect(after.get(urn)!.parent).toBe(resource.parent);
    }
    const added = [...after.values()].filter((r) => !before.has(r.urn)).map((r) => `${r.type} ${r.name}`).sort();
    expect(added).toEqual([
      "aws:ec2/route:Route acme-private-c-internet",
      "aws:ec2/routeTable:RouteTable acme-private-c",
      "aws:ec2/routeTableAssociation:RouteTableAssociation acme-isolated-c",
      "aws:ec2/routeTableAssociation:RouteTableAssociation acme-private-c",
      "aws:ec2/routeTableAssociation:RouteTableAssociation acme-public-c",
      "aws:ec2/subnet:Subnet acme-isolated-c",
      "aws:ec2/subnet:Subnet acme-private-c",
      "aws:ec2/subnet:Subnet acme-public-c",
      "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation acme-s3-private-c",
      ...(nat === "perZone" ? ["aws:ec2/eip:Eip acme-nat-c", "aws:ec2/natGateway:NatGateway acme-nat-c"] : []),
    ].sort());
  });

  it("plans the same subnets whatever the order of the zone list", async () => {
    const cidrs = (plan: TenantPlan) =>
      Object.fromEntries(ofType(plan, "aws:ec2/subnet:Subnet").map((s) => [s.name, s.inputs["cidrBlock"]]));
    const forward = await planYaml("acme", tenantYaml({ zones: "[eu-central-1a, eu-central-1b]" }));
    const reversed = await planYaml("acme", tenantYaml({ zones: "[eu-central-1b, eu-central-1a]" }));
    expect(cidrs(reversed)).toEqual(cidrs(forward));
  });
});
