/**
 * A generated fleet for benchmarks: copies of a template tenant file with their own ids, zones
 * (so hostnames stay unique across the fleet) and VPC blocks.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";

/** The largest fleet: one /16 VPC block per tenant inside 10.0.0.0/8. */
export const MAX_FLEET_SIZE = 256;

/** The id of the `index`-th generated tenant (0-based): fleet-000, fleet-001, … */
export function fleetTenantId(index: number): string {
  return `fleet-${String(index).padStart(3, "0")}`;
}

/**
 * Writes `size` tenant files into `dir`, each the `template` file (default `samples/example.yaml`)
 * with its own zone `<id>.example` and VPC block `10.<index>.0.0/16`. Returns their paths.
 * Throws when `size` is not 1 to {@link MAX_FLEET_SIZE}.
 */
export function generateFleet(dir: string, size: number, template = "samples/example.yaml"): string[] {
  if (!Number.isInteger(size) || size < 1 || size > MAX_FLEET_SIZE) {
    throw new RangeError(`a fleet has 1 to ${MAX_FLEET_SIZE} tenants (one /16 block each in 10.0.0.0/8); got ${size}`);
  }
  const text = readFileSync(template, "utf8");
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: size }, (_, index) => {
    const id = fleetTenantId(index);
    const doc = parseDocument(text, { version: "1.2" });
    doc.setIn(["network", "cidr"], `10.${index}.0.0/16`);
    doc.setIn(["edge", "zone"], `${id}.example`);
    const file = path.join(dir, `${id}.yaml`);
    writeFileSync(file, doc.toString());
    return file;
  });
}
