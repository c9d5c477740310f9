/** VPC and security group rules: flow logs, the default security group, no automatic public IPs, no open ingress. */
import { resourceRule, stackRule, type StackFinding } from "../rule";
import { ofType, referencing } from "../stack-view";
import { records, strings } from "./values";

const VPC = "aws:ec2/vpc:Vpc";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const SUBNET = "aws:ec2/subnet:Subnet";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";

const OPEN = ["0.0.0.0/0", "::/0"];

export const noOpenIngress = resourceRule({
  name: "security-group-no-open-ingress",
  control: "FSBP EC2.18, EC2.19",
  description: "No security group admits the whole internet",
  types: [INGRESS_RULE, SECURITY_GROUP],
  check: ({ type, props }) => {
    if (type === INGRESS_RULE) {
      return OPEN.includes(String(props["cidrIpv4"] ?? props["cidrIpv6"] ?? "")) ? ["the rule admits the whole internet"] : [];
    }
    return records(props["ingress"]).some((r) => [...strings(r["cidrBlocks"]), ...strings(r["ipv6CidrBlocks"])].some((c) => OPEN.includes(c)))
      ? ["an inline rule admits the whole internet"] : [];
  },
});

export const subnetNoAutoPublicIp = resourceRule({
  name: "subnet-no-auto-public-ip",
  control: "FSBP EC2.15",
  description: "Subnets do not give launched instances public IP addresses",
  types: [SUBNET],
  check: ({ props }) => (props["mapPublicIpOnLaunch"] === true ? ["the subnet assigns public IP addresses on launch: set mapPublicIpOnLaunch false"] : []),
});

export const vpcFlowLogs = stackRule({
  name: "vpc-flow-logs",
  control: "FSBP EC2.6, CIS 3.7",
  description: "Every VPC logs its traffic (flow logs of rejected or all traffic)",
  check: ({ resources }) => ofType(resources, VPC)
    .filter((vpc) => !referencing(resources, vpc, FLOW_LOG, "vpcId").some((log) => ["ALL", "REJECT"].includes(String(log.props["trafficType"]))))
    .map((vpc) => ({ urn: vpc.urn, message: "the VPC has no flow log of ALL or REJECT traffic" })),
});

export const defaultSecurityGroupClosed = stackRule({
  name: "default-security-group-closed",
  control: "FSBP EC2.2, CIS 5.4",
  description: "Every VPC's default security group is managed and allows no traffic in or out",
  check: ({ resources }) => ofType(resources, VPC).flatMap((vpc): StackFinding[] => {
    const managed = referencing(resources, vpc, DEFAULT_SECURITY_GROUP, "vpcId");
    if (managed.length === 0) return [{ urn: vpc.urn, message: "the VPC's default security group is not managed, so it keeps AWS's allow-all rules" }];
    return managed
      .filter((group) => records(group.props["ingress"]).length > 0 || records(group.props["egress"]).length > 0)
      .map((group) => ({ urn: group.urn, message: "the default security group has rules: leave ingress and egress empty" }));
  }),
});
