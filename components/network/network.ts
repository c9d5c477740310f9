import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTags, regionOfZone } from "../shared/naming";
import { NETWORK_DEFAULTS } from "./defaults";
import { layoutSubnets, type PlannedSubnet, type SubnetTier } from "./layout";
import type { NatStrategy } from "./nat-strategies";

export { NAT_STRATEGIES, type NatStrategy } from "./nat-strategies";

/** VPC flow log settings. */
export interface NetworkFlowLogsArgs {
  /**
   * Days CloudWatch Logs keeps flow records (a value CloudWatch accepts: 1, 3, 5, 7, 14, 30, 60,
   * 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).
   * @default 90
   */
  retentionInDays?: number;
  /**
   * KMS key ARN that encrypts the log group. The key policy must let the CloudWatch Logs service
   * of the region use it. Without one, CloudWatch Logs encrypts with its own AWS-owned key.
   * @default undefined
   */
  kmsKeyArn?: pulumi.Input<string>;
  /**
   * Which traffic to record: `ALL`, `ACCEPT` or `REJECT`.
   * @default "ALL"
   */
  trafficType?: "ALL" | "ACCEPT" | "REJECT";
}

/** Arguments of {@link Network}. */
export interface NetworkArgs {
  /**
   * IPv4 block of the VPC, /16 to /20. The block is cut into 8 zone slots (one per zone letter
   * a–h) and each slot into private, isolated and public subnets (see `layout.ts`).
   * @example "10.20.0.0/16"
   */
  cidrBlock: string;
  /**
   * Full availability zone names, each ending in a distinct letter a–h. The letter, not the
   * position in this list, picks the zone's address slot and names its subnets, so adding or
   * removing a zone leaves every other zone untouched.
   * @example ["eu-central-1a", "eu-central-1b"]
   */
  availabilityZones: string[];
  /**
   * NAT strategy for the private subnets; see {@link NatStrategy} for costs.
   * @default "single"
   */
  nat?: NatStrategy;
  /**
   * VPC flow logs to an encrypted CloudWatch log group.
   * @default { retentionInDays: 90, trafficType: "ALL" }
   */
  flowLogs?: NetworkFlowLogsArgs;
  /**
   * AWS services reached through interface endpoints in the private subnets, by short name
   * (`ssm`, `ecr.api`, `logs`…). Needed where private subnets have no NAT. Each costs about
   * $7.30/month per zone plus $0.01/GB (us-east-1).
   * @default []
   */
  interfaceEndpoints?: string[];
  /**
   * Tags added to every child that takes tags (on top of the provider's default tags).
   * @default {}
   */
  tags?: Record<string, string>;
  /**
   * ARN of the managed policy every IAM role this component creates carries as its permissions
   * boundary: the most its policies can grant (IAM User Guide, access_policies_boundaries.html).
   * A deploy role whose policy requires one (the bootstrap's) cannot create the roles without it.
   * @default none
   */
  permissionsBoundary?: pulumi.Input<string>;
}

/** One subnet the Network created. */
export interface NetworkSubnet {
  readonly zone: string;
  readonly tier: SubnetTier;
  readonly cidrBlock: string;
  readonly subnet: aws.ec2.Subnet;
}

/**
 * A VPC laid out for a web tenant: per zone a public subnet (load balancer, NAT), a private
 * subnet (application instances) and an isolated subnet (databases, no route to the internet).
 *
 * Secure defaults: the default security group has no rules, no subnet assigns public IPs on
 * launch, flow logs record all traffic, S3 is reached through a free gateway endpoint.
 *
 * Cost: the VPC, subnets, route tables, gateway endpoint and internet gateway are free; NAT
 * gateways cost what {@link NatStrategy} says; flow logs cost CloudWatch Logs ingestion
 * ($0.50/GB in us-east-1) and storage for the retention period.
 */
export class Network extends pulumi.ComponentResource {
  /** The VPC. */
  public readonly vpc: aws.ec2.Vpc;
  public readonly vpcId: pulumi.Output<string>;
  /** Availability zones, as given. */
  public readonly availabilityZones: string[];
  /** Every subnet, ordered by zone (as given) then tier (public, private, isolated). */
  public readonly subnets: NetworkSubnet[];
  /** Subnet ids per tier, in the order of `availabilityZones`. */
  public readonly publicSubnetIds: pulumi.Output<string>[];
  public readonly privateSubnetIds: pulumi.Output<string>[];
  public readonly isolatedSubnetIds: pulumi.Output<string>[];
  /** Public IPs of the NAT gateways (what third parties allow-list for outbound traffic). */
  public readonly natPublicIps: pulumi.Output<string>[];
  /** Route tables of the private subnets, one per zone. */
  public readonly privateRouteTableIds: pulumi.Output<string>[];
  /** Log group receiving the flow logs. */
  public readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:network:Network", name, {}, opts);
    const parent = { parent: this };
    const nat = args.nat ?? NETWORK_DEFAULTS.nat;
    const tags = args.tags;
    const zones = [...args.availabilityZones];
    const plan = layoutSubnets(args.cidrBlock, zones);
    const region = regionOfZone(zones[0] ?? "");
    this.availabilityZones = zones;

    this.vpc = new aws.ec2.Vpc(`${name}-vpc`, {
      cidrBlock: args.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: nameTags(`${name}-vpc`, tags),
    }, parent);
    this.vpcId = this.vpc.id;

    // Managing the default security group with no rules removes the ones AWS puts there.
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: nameTags(`${name}-default-closed`, tags),
    }, parent);

    const internetGateway = new aws.ec2.InternetGateway(`${name}-igw`, {
      vpcId: this.vpc.id,
      tags: nameTags(`${name}-igw`, tags),
    }, parent);

    const publicRouteTable = new aws.ec2.RouteTable(`${name}-public`, {
      vpcId: this.vpc.id,
      tags: nameTags(`${name}-public`, tags),
    }, parent);
    new aws.ec2.Route(`${name}-public-internet`, {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: internetGateway.id,
    }, parent);

    const isolatedRouteTable = new aws.ec2.RouteTable(`${name}-isolated`, {
      vpcId: this.vpc.id,
      tags: nameTags(`${name}-isolated`, tags),
    }, parent);

    this.subnets = plan.map((planned) => this.createSubnet(name, planned, tags));
    const subnetOf = (zone: string, tier: SubnetTier): aws.ec2.Subnet =>
      this.subnets.find((s) => s.zone === zone && s.tier === tier)!.subnet;
    const idsOf = (tier: SubnetTier) => zones.map((zone) => subnetOf(zone, tier).id);
    this.publicSubnetIds = idsOf("public");
    this.privateSubnetIds = idsOf("private");
    this.isolatedSubnetIds = idsOf("isolated");

    for (const subnet of this.subnets) {
      const letter = subnet.zone.slice(-1);
      if (subnet.tier === "public") {
        this.associate(`${name}-public-${letter}`, subnet.subnet, publicRouteTable);
      } else if (subnet.tier === "isolated") {
        this.associate(`${name}-isolated-${letter}`, subnet.subnet, isolatedRouteTable);
      }
    }

    // NAT gateways are named by the letter of the zone they sit in, so going from `single` to
    // `perZone` keeps the existing gateway and adds the others.
    const natZones = nat === "none" ? [] : nat === "single" ? [firstByLetter(zones)] : zones;
    const natGateways = new Map<string, aws.ec2.NatGateway>();
    const natIps: pulumi.Output<string>[] = [];
    for (const zone of natZones) {
      const letter = zone.slice(-1);
      const eip = new aws.ec2.Eip(`${name}-nat-${letter}`, {
        domain: "vpc",
        tags: nameTags(`${name}-nat-${letter}`, tags),
      }, parent);
      const gateway = new aws.ec2.NatGateway(`${name}-nat-${letter}`, {
        allocationId: eip.allocationId,
        subnetId: subnetOf(zone, "public").id,
        tags: nameTags(`${name}-nat-${letter}`, tags),
      }, { parent: this, dependsOn: [internetGateway] });
      natGateways.set(zone, gateway);
      natIps.push(eip.publicIp);
    }
    this.natPublicIps = natIps;

    const privateRouteTables = zones.map((zone) => {
      const letter = zone.slice(-1);
      const table = new aws.ec2.RouteTable(`${name}-private-${letter}`, {
        vpcId: this.vpc.id,
        tags: nameTags(`${name}-private-${letter}`, tags),
      }, parent);
      this.associate(`${name}-private-${letter}`, subnetOf(zone, "private"), table);
      const gateway = natGateways.get(zone) ?? natGateways.values().next().value;
      if (gateway) {
        new aws.ec2.Route(`${name}-private-${letter}-internet`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: gateway.id,
        }, parent);
      }
      return table;
    });
    this.privateRouteTableIds = privateRouteTables.map((t) => t.id);

    // S3 through a gateway endpoint: free, and keeps image layers and backups off the NAT bill.
    // One association per route table, so adding a zone adds an association and changes nothing.
    const s3Endpoint = new aws.ec2.VpcEndpoint(`${name}-s3`, {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: "Gateway",
      tags: nameTags(`${name}-s3`, tags),
    }, parent);
    zones.forEach((zone, i) => {
      new aws.ec2.VpcEndpointRouteTableAssociation(`${name}-s3-private-${zone.slice(-1)}`, {
        vpcEndpointId: s3Endpoint.id,
        routeTableId: privateRouteTables[i]!.id,
      }, parent);
    });
    new aws.ec2.VpcEndpointRouteTableAssociation(`${name}-s3-isolated`, {
      vpcEndpointId: s3Endpoint.id,
      routeTableId: isolatedRouteTable.id,
    }, parent);

    this.createInterfaceEndpoints(name, region, args.cidrBlock, args.interfaceEndpoints ?? [], tags);
    this.flowLogGroupName = this.createFlowLogs(name, region, args.flowLogs ?? {}, tags, args.permissionsBoundary);

    this.registerOutputs({
      vpcId: this.vpcId,
      availabilityZones: this.availabilityZones,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      isolatedSubnetIds: this.isolatedSubnetIds,
      natPublicIps: this.natPublicIps,
      privateRouteTableIds: this.privateRouteTableIds,
      flowLogGroupName: this.flowLogGroupName,
    });
  }

  private createSubnet(name: string, planned: PlannedSubnet, tags: Record<string, string> | undefined): NetworkSubnet {
    const subnetName = `${name}-${planned.tier}-${planned.letter}`;
    const subnet = new aws.ec2.Subnet(subnetName, {
      vpcId: this.vpc.id,
      cidrBlock: planned.cidr,
      availabilityZone: planned.zone,
      mapPublicIpOnLaunch: false,
      tags: { ...nameTags(subnetName, tags), "tenant-platform:tier": planned.tier },
    }, { parent: this });
    return { zone: planned.zone, tier: planned.tier, cidrBlock: planned.cidr, subnet };
  }

  private createInterfaceEndpoints(
    name: string,
    region: string,
    cidrBlock: string,
    services: readonly string[],
    tags: Record<string, string> | undefined,
  ): void {
    if (services.length === 0) return;
    const parent = { parent: this };
    const group = new aws.ec2.SecurityGroup(`${name}-endpoints`, {
      vpcId: this.vpc.id,
      description: "Interface endpoints: HTTPS from inside the VPC",
      revokeRulesOnDelete: true,
      tags: nameTags(`${name}-endpoints`, tags),
    }, parent);
    new aws.vpc.SecurityGroupIngressRule(`${name}-endpoints-https`, {
      securityGroupId: group.id,
      cidrIpv4: cidrBlock,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS from the VPC",
    }, parent);
    for (const service of [...new Set(services)].sort()) {
      new aws.ec2.VpcEndpoint(`${name}-endpoint-${service.replace(/\./g, "-")}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: this.privateSubnetIds,
        securityGroupIds: [group.id],
        tags: nameTags(`${name}-endpoint-${service}`, tags),
      }, parent);
    }
  }

  private associate(name: string, subnet: aws.ec2.Subnet, table: aws.ec2.RouteTable): void {
    new aws.ec2.RouteTableAssociation(name, { subnetId: subnet.id, routeTableId: table.id }, { parent: this });
  }

  private createFlowLogs(
    name: string,
    region: string,
    flowLogs: NetworkFlowLogsArgs,
    tags: Record<string, string> | undefined,
    permissionsBoundary: pulumi.Input<string> | undefined,
  ): pulumi.Output<string> {
    const parent = { parent: this };
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, {
      retentionInDays: flowLogs.retentionInDays ?? NETWORK_DEFAULTS.flowLogs.retentionInDays,
      kmsKeyId: flowLogs.kmsKeyArn,
      tags: nameTags(`${name}-flow-logs`, tags),
    }, parent);
    const account = aws.getCallerIdentityOutput({}, parent);
    const role = new aws.iam.Role(`${name}-flow-logs`, {
      permissionsBoundary,
      description: "Lets VPC Flow Logs write to the network's log group",
      assumeRolePolicy: account.apply(({ accountId, arn }) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
          Effect: "Allow",
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Action: "sts:AssumeRole",
          // Confused-deputy guard: only flow logs of this account and region may use the role.
          Condition: {
            StringEquals: { "aws:SourceAccount": accountId },
            ArnLike: { "aws:SourceArn": `arn:${arn.split(":")[1] ?? "aws"}:ec2:${region}:${accountId}:vpc-flow-log/*` },
          },
        }],
      })),
      tags: nameTags(`${name}-flow-logs`, tags),
    }, parent);
    new aws.iam.RolePolicy(`${name}-flow-logs`, {
      role: role.id,
      policy: logGroup.arn.apply((arn) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:DescribeLogGroups"],
          Resource: [arn, `${arn}:*`],
        }],
      })),
    }, parent);
    new aws.ec2.FlowLog(`${name}-flow-logs`, {
      vpcId: this.vpc.id,
      trafficType: flowLogs.trafficType ?? NETWORK_DEFAULTS.flowLogs.trafficType,
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: nameTags(`${name}-flow-logs`, tags),
    }, parent);
    return logGroup.name;
  }
}

/** The zone with the lowest letter: where a single NAT gateway lives, whatever the list order. */
function firstByLetter(zones: readonly string[]): string {
  return [...zones].sort((a, b) => a.slice(-1).localeCompare(b.slice(-1)))[0]!;
}

