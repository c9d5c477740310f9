import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blockSize, CidrError, contains, formatCidr, overlaps, parseCidr,
} from "../../components/network/cidr";
import { layoutSubnets, SUBNET_TIERS, ZONE_LETTERS, zoneLetter } from "../../components/network/layout";

/** An aligned private VPC block of /16 to /20 inside 10.0.0.0/8. */
const vpcBlock = fc
  .record({ prefix: fc.integer({ min: 16, max: 20 }), seed: fc.nat() })
  .map(({ prefix, seed }) => {
    const count = 2 ** (prefix - 8);
    return formatCidr({ base: (parseCidr("10.0.0.0/8").base + (seed % count) * 2 ** (32 - prefix)) >>> 0, prefix });
  });

/** 1 to 8 distinct zone letters in any order, as zone names of eu-central-1. */
const zoneList = fc
  .shuffledSubarray([...ZONE_LETTERS], { minLength: 1, maxLength: 8 })
  .map((letters) => letters.map((l) => `eu-central-1${l}`));

describe("parseCidr", () => {
  it("reads a block and formats it back", () => {
    expect(formatCidr(parseCidr("10.20.0.0/16"))).toBe("10.20.0.0/16");
    expect(blockSize(parseCidr("192.168.4.0/22"))).toBe(1024);
  });

  it.each([
    ["10.20.0/16", '"10.20.0/16" is not an IPv4 CIDR block; expected a form like 10.20.0.0/16'],
    ["10.20.0.0", '"10.20.0.0" is not an IPv4 CIDR block; expected a form like 10.20.0.0/16'],
    ["10.256.0.0/16", '"10.256.0.0/16" has 256 in it; each of the four numbers is 0 to 255'],
    ["10.020.0.0/16", '"10.020.0.0/16" has a leading zero in "020"; write each number plainly'],
    ["10.20.0.0/33", '"10.20.0.0/33" has prefix /33; a prefix is /0 to /32'],
    ["10.20.1.0/16", '"10.20.1.0/16" has host bits set; the block starting at that prefix is 10.20.0.0/16'],
  ])("refuses %s", (text, message) => {
    expect(() => parseCidr(text)).toThrow(new CidrError(message));
  });
});

describe("zoneLetter", () => {
  it("takes the last letter of a zone name", () => {
    expect(zoneLetter("us-gov-west-1b")).toBe("b");
  });
  it("refuses names without a slot letter", () => {
    expect(() => zoneLetter("eu-central-1z")).toThrow(/ending in one of the letters a, b, c, d, e, f, g, h/);
    expect(() => zoneLetter("us-west-2-lax-1a")).toThrow(RangeError);
  });
});

describe("layoutSubnets", () => {
  it("lays out the documented /16 example", () => {
    expect(layoutSubnets("10.20.0.0/16", ["eu-central-1a", "eu-central-1b"]).map((s) => `${s.tier}-${s.letter} ${s.cidr}`)).toEqual([
      "public-a 10.20.24.0/22", "private-a 10.20.0.0/20", "isolated-a 10.20.16.0/21",
      "public-b 10.20.56.0/22", "private-b 10.20.32.0/20", "isolated-b 10.20.48.0/21",
    ]);
  });

  it("gives every zone one subnet per tier, inside the VPC, aligned, never overlapping", () => {
    fc.assert(fc.property(vpcBlock, zoneList, (cidr, zones) => {
      const vpc = parseCidr(cidr);
      const subnets = layoutSubnets(cidr, zones);
      expect(subnets).toHaveLength(zones.length * SUBNET_TIERS.length);
      const blocks = subnets.map((s) => parseCidr(s.cidr)); // parseCidr refuses unaligned blocks
      for (const block of blocks) expect(contains(vpc, block)).toBe(true);
      for (let i = 0; i < blocks.length; i++) {
        for (let j = i + 1; j < blocks.length; j++) expect(overlaps(blocks[i]!, blocks[j]!)).toBe(false);
      }
      for (const s of subnets) {
        const expectedPrefix = { private: 4, isolated: 5, public: 6 }[s.tier] + vpc.prefix;
        expect(parseCidr(s.cidr).prefix).toBe(expectedPrefix);
      }
    }));
  });

  it("addresses a zone by its letter alone: adding, removing or reordering zones moves no subnet", () => {
    fc.assert(fc.property(vpcBlock, zoneList, zoneList, (cidr, before, after) => {
      const key = (s: { zone: string; tier: string }) => `${s.zone}/${s.tier}`;
      const earlier = new Map(layoutSubnets(cidr, before).map((s) => [key(s), s.cidr]));
      for (const s of layoutSubnets(cidr, after)) {
        if (earlier.has(key(s))) expect(s.cidr).toBe(earlier.get(key(s)));
      }
    }));
  });

  it("refuses VPC blocks outside /16–/20 and repeated letters", () => {
    expect(() => layoutSubnets("10.0.0.0/15", ["eu-central-1a"])).toThrow("VPC block 10.0.0.0/15 must be /16 to /20");
    expect(() => layoutSubnets("10.0.0.0/21", ["eu-central-1a"])).toThrow("VPC block 10.0.0.0/21 must be /16 to /20");
    expect(() => layoutSubnets("10.0.0.0/16", ["eu-central-1a", "eu-west-1a"])).toThrow('two zones end in the letter "a"');
  });
});
