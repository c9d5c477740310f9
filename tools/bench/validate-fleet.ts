/**
 * `node --import tsx tools/bench/validate-fleet.ts <folder>`: loads and validates every tenant
 * file of a folder with the fleet checks, and prints the time that took (without module loading)
 * as JSON: `{ "tenants": N, "issues": N, "seconds": S }`. Exit 1 when a file is invalid.
 */
import { listTenantFiles, loadFleet } from "../../tenant-schema/tenant-files";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: validate-fleet.ts <folder of tenant files>");
  process.exitCode = 2;
} else {
  const started = process.hrtime.bigint();
  const fleet = loadFleet(listTenantFiles(dir));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ tenants: fleet.tenants.length, issues: fleet.issues.length, seconds }));
  if (fleet.issues.length > 0) process.exitCode = 1;
}
