/**
 * How private subnets reach the internet.
 *
 * - `none`: no NAT gateway; private subnets reach only the VPC and AWS services through
 *   endpoints. Costs nothing.
 * - `single`: one NAT gateway in the first zone, shared by every zone. About $33/month plus
 *   $0.045 per GB processed (us-east-1; eu-central-1 about $38/month), plus $3.65/month for its
 *   public IPv4 address, and cross-zone traffic at $0.01/GB. Private subnets lose the internet if
 *   that zone fails.
 * - `perZone`: one NAT gateway per zone, each zone routed to its own. The single price times
 *   the number of zones; survives the loss of a zone.
 */
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

/** The NAT strategies, for validation and documentation. */
export const NAT_STRATEGIES = ["none", "single", "perZone"] as const;
