import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";

/**
 * The availability zones a tenant spans: its explicit list, or for a count the region's first
 * zones by letter among those available to the account (so 2 → 3 appends the next letter).
 */
export async function resolveZones(spec: TenantSpec, provider: aws.Provider): Promise<string[]> {
  const zones = spec.network.zones;
  if (Array.isArray(zones)) return [...zones];
  const available = await aws.getAvailabilityZones(
    { state: "available", filters: [{ name: "zone-type", values: ["availability-zone"] }] },
    { provider },
  );
  const names = [...available.names].sort();
  if (names.length < zones) {
    // What the account offers is known only here (the schema refuses counts above the region's).
    throw new pulumi.RunError(
      `network.zones: asks for ${zones} zones, but ${spec.aws.region} offers ${names.length} (${names.join(", ")}) to this account; set network.zones to ${names.length} or list the zones by name`,
    );
  }
  return names.slice(0, zones);
}
