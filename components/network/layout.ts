/**
 * The subnet layout of a Network: where each zone's public, private and isolated subnets sit
 * inside the VPC block. The layout is a pure function of the VPC block and each zone's letter,
 * so adding or removing a zone never moves another zone's subnets.
 *
 * The VPC block is split into 8 equal zone slots, one per zone letter a–h (slot = letter). Each
 * slot is split by tier:
 *
 * | part of the slot | tier | in a /16 VPC | in a /20 VPC |
 * |---|---|---|---|
 * | first half | private (application instances) | /20, 4096 addresses | /24, 256 |
 * | next quarter | isolated (databases, caches) | /21, 2048 | /25, 128 |
 * | next eighth | public (load balancer, NAT) | /22, 1024 | /26, 64 |
 * | last eighth | reserved for a future tier | /22 | /26 |
 */
import { formatCidr, parseCidr, subBlock, type Ipv4Block } from "./cidr";

/** The three subnet tiers of every zone. */
export const SUBNET_TIERS = ["public", "private", "isolated"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** Zone letters that have a reserved slot, in slot order. */
export const ZONE_LETTERS = ["a", "b", "c", "d", "e", "f", "g", "h"] as const;

/** Largest and smallest VPC blocks the layout supports (/16 = 65,536 addresses, /20 = 4,096). */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 20;

/** Bits added to the VPC prefix for a zone slot (2^3 = 8 slots). */
const ZONE_SLOT_BITS = 3;

/** Where each tier sits inside a zone slot: extra prefix bits and index at that size. */
const TIER_PLACEMENT: Record<SubnetTier, { extraBits: number; index: number }> = {
  private: { extraBits: 1, index: 0 }, // first half
  isolated: { extraBits: 2, index: 2 }, // third quarter
  public: { extraBits: 3, index: 6 }, // seventh eighth
};

/** One planned subnet. */
export interface PlannedSubnet {
  /** Full availability zone name, e.g. `eu-central-1a`. */
  readonly zone: string;
  /** The zone's letter, which names the subnet and picks its slot. */
  readonly letter: string;
  readonly tier: SubnetTier;
  readonly cidr: string;
}

/** The letter of an availability zone name (`eu-central-1b` → `b`), or an error saying why not. */
export function zoneLetter(zone: string): string {
  const letter = zone.slice(-1);
  if (!/^[a-z]+-[a-z]+(-[a-z]+)*-\d+[a-z]$/.test(zone) || !(ZONE_LETTERS as readonly string[]).includes(letter)) {
    throw new RangeError(
      `"${zone}" is not an availability zone name ending in one of the letters ${ZONE_LETTERS.join(", ")} (e.g. eu-central-1a)`,
    );
  }
  return letter;
}

/** The zone slot block of a letter inside the VPC block. */
export function zoneSlot(vpc: Ipv4Block, letter: string): Ipv4Block {
  const index = (ZONE_LETTERS as readonly string[]).indexOf(letter);
  return subBlock(vpc, vpc.prefix + ZONE_SLOT_BITS, index);
}

/** The block of one tier inside a zone slot. */
export function tierBlock(slot: Ipv4Block, tier: SubnetTier): Ipv4Block {
  const { extraBits, index } = TIER_PLACEMENT[tier];
  return subBlock(slot, slot.prefix + extraBits, index);
}

/**
 * Plans every subnet of a VPC: one per zone and tier, ordered by zone then tier.
 * @throws RangeError when the VPC prefix is outside /16–/20, a zone name has no slot letter,
 * or two zones share a letter.
 */
export function layoutSubnets(vpcCidr: string, zones: readonly string[]): PlannedSubnet[] {
  const vpc = parseCidr(vpcCidr);
  if (vpc.prefix < MIN_VPC_PREFIX || vpc.prefix > MAX_VPC_PREFIX) {
    throw new RangeError(`VPC block ${vpcCidr} must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`);
  }
  const seen = new Set<string>();
  return zones.flatMap((zone) => {
    const letter = zoneLetter(zone);
    if (seen.has(letter)) {
      throw new RangeError(`two zones end in the letter "${letter}"; each zone needs its own letter`);
    }
    seen.add(letter);
    const slot = zoneSlot(vpc, letter);
    return SUBNET_TIERS.map((tier) => ({ zone, letter, tier, cidr: formatCidr(tierBlock(slot, tier)) }));
  });
}
