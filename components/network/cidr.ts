/**
 * IPv4 CIDR arithmetic on plain 32-bit numbers: parsing with precise errors, formatting and
 * carving aligned sub-blocks. Small enough that a dependency would be more code to trust
 * than these few lines.
 */

/** An IPv4 block: the network address as an unsigned 32-bit number and the prefix length. */
export interface Ipv4Block {
  readonly base: number;
  readonly prefix: number;
}

/** Thrown by {@link parseCidr}; the message says what is wrong and what is allowed. */
export class CidrError extends Error {
  override readonly name = "CidrError";
}

const CIDR_SHAPE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/p`, refusing leading zeros, out-of-range parts and host bits set. */
export function parseCidr(text: string): Ipv4Block {
  const match = CIDR_SHAPE.exec(text);
  if (!match) {
    throw new CidrError(`"${text}" is not an IPv4 CIDR block; expected a form like 10.20.0.0/16`);
  }
  const parts = match.slice(1, 5).map((part) => {
    if (part.length > 1 && part.startsWith("0")) {
      throw new CidrError(`"${text}" has a leading zero in "${part}"; write each number plainly`);
    }
    const value = Number(part);
    if (value > 255) {
      throw new CidrError(`"${text}" has ${value} in it; each of the four numbers is 0 to 255`);
    }
    return value;
  });
  const prefix = Number(match[5]);
  if (prefix > 32) {
    throw new CidrError(`"${text}" has prefix /${prefix}; a prefix is /0 to /32`);
  }
  const address = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
  const base = (address & prefixMask(prefix)) >>> 0;
  if (base !== address) {
    throw new CidrError(
      `"${text}" has host bits set; the block starting at that prefix is ${formatCidr({ base, prefix })}`,
    );
  }
  return { base, prefix };
}

/** Formats a block as `a.b.c.d/p`. */
export function formatCidr(block: Ipv4Block): string {
  const b = block.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${block.prefix}`;
}

/** The netmask of a prefix length as an unsigned 32-bit number. */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Number of addresses in a block. */
export function blockSize(block: Ipv4Block): number {
  return 2 ** (32 - block.prefix);
}

/**
 * The `index`-th block of length `prefix` inside `parent` (prefix must be at least the
 * parent's and the index must fit).
 */
export function subBlock(parent: Ipv4Block, prefix: number, index: number): Ipv4Block {
  if (prefix < parent.prefix || prefix > 32) {
    throw new RangeError(`/${prefix} does not fit inside ${formatCidr(parent)}`);
  }
  const count = 2 ** (prefix - parent.prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`${formatCidr(parent)} holds ${count} blocks of /${prefix}; index ${index} is outside`);
  }
  return { base: (parent.base + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.prefix >= outer.prefix && ((inner.base & prefixMask(outer.prefix)) >>> 0) === outer.base;
}

/** True when two blocks share at least one address. */
export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return contains(a, b) || contains(b, a);
}

/** The private ranges of RFC 1918, the ones a VPC should use. */
export const PRIVATE_RANGES: readonly Ipv4Block[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(parseCidr);
