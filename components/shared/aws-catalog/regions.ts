/**
 * AWS commercial regions and the letters of their availability zones.
 *
 * Source: AWS General Reference / Global Infrastructure, "AWS Regions" and "AWS Availability
 * Zones" (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html,
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html),
 * read 2026-11-30. Opt-in regions are included (they must be enabled in the account first).
 * GovCloud, China and the isolated partitions are not: the platform deploys to the `aws`
 * partition only.
 *
 * The letters are those that exist in the region. In the oldest regions AWS maps zone names to
 * physical zones per account (accounts created before November 2025), and an account may see
 * only some of the letters (us-west-1 shows two of a, b, c). Where accounts differ, the table
 * keeps every letter some account may see, so it never refuses a zone that exists; the plan
 * resolves a zone count through the account's own `getAvailabilityZones`.
 */
export const REGION_ZONE_LETTERS: Readonly<Record<string, string>> = {
  "us-east-1": "abcdef",
  "us-east-2": "abc",
  "us-west-1": "abc",
  "us-west-2": "abcd",
  "af-south-1": "abc",
  "ap-east-1": "abc",
  "ap-east-2": "abc",
  "ap-south-1": "abc",
  "ap-south-2": "abc",
  "ap-northeast-1": "abcd",
  "ap-northeast-2": "abcd",
  "ap-northeast-3": "abc",
  "ap-southeast-1": "abc",
  "ap-southeast-2": "abc",
  "ap-southeast-3": "abc",
  "ap-southeast-4": "abc",
  "ap-southeast-5": "abc",
  "ap-southeast-6": "abc",
  "ap-southeast-7": "abc",
  // a, b and d (AZ IDs cac1-az1, cac1-az2, cac1-az4): the third zone came as "d" in 2020
  // (kubernetes/kops#9064, "AWS announced a third AZ in ca-central-1, which is showing up as
  // ca-central-1d"); there is no ca-central-1c.
  "ca-central-1": "abd",
  "ca-west-1": "abc",
  "eu-central-1": "abc",
  "eu-central-2": "abc",
  "eu-north-1": "abc",
  "eu-south-1": "abc",
  "eu-south-2": "abc",
  "eu-west-1": "abc",
  "eu-west-2": "abc",
  "eu-west-3": "abc",
  "il-central-1": "abc",
  "me-central-1": "abc",
  "me-south-1": "abc",
  "mx-central-1": "abc",
  "sa-east-1": "abc",
};

/**
 * How many zones one account sees where that is fewer than the region's letters: the regions that
 * map zones per account show each older account only some of them (us-west-1: two of a, b, c;
 * ap-northeast-1: three of a, b, c, d; "AWS Availability Zones" above, and `aws ec2
 * describe-availability-zones` as users report it, e.g. https://qiita.com/MH35JP/items/1df91ccd2874e09c3598).
 */
const ZONES_PER_ACCOUNT: Readonly<Record<string, number>> = {
  "us-west-1": 2,
  "ap-northeast-1": 3,
};

/** How many availability zones an account can use in `region` (0 for an unknown region). */
export function usableZoneCount(region: string): number {
  return ZONES_PER_ACCOUNT[region] ?? (REGION_ZONE_LETTERS[region] ?? "").length;
}

/** Every commercial region name, sorted. */
export const COMMERCIAL_REGIONS: readonly string[] = Object.keys(REGION_ZONE_LETTERS).sort();

const REGION_SET: ReadonlySet<string> = new Set(COMMERCIAL_REGIONS);

/** True when `region` is a commercial AWS region. */
export function isCommercialRegion(region: string): boolean {
  return REGION_SET.has(region);
}

/** The zone names of a region (`eu-central-1a`, …), or an empty list for an unknown region. */
export function zonesOf(region: string): string[] {
  return [...(REGION_ZONE_LETTERS[region] ?? "")].map((letter) => `${region}${letter}`);
}
