export { Network, NAT_STRATEGIES } from "./network";
export { NETWORK_DEFAULTS } from "./defaults";
export type { NatStrategy, NetworkArgs, NetworkFlowLogsArgs, NetworkSubnet } from "./network";
export { layoutSubnets, zoneLetter, SUBNET_TIERS, ZONE_LETTERS, MIN_VPC_PREFIX, MAX_VPC_PREFIX } from "./layout";
export type { PlannedSubnet, SubnetTier } from "./layout";
export { parseCidr, formatCidr, contains, overlaps, CidrError, PRIVATE_RANGES } from "./cidr";
export type { Ipv4Block } from "./cidr";
