/** Temporary tenant folders for tests that plan variations of a tenant. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { planTenant } from "../../tools/plan/run-plan";
import type { TenantPlan } from "../../policies/plan-types";

const folders: string[] = [];

/** The Cloudflare account test tenants create their zones in. */
export const CLOUDFLARE_ACCOUNT = "0123456789abcdef0123456789abcdef";

/** A fresh empty folder, removed by {@link removeTempFolders}. */
export function tempFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tenants-"));
  folders.push(dir);
  return dir;
}

export function removeTempFolders(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `<dir>/<id>.yaml` and returns its path. */
export function writeTenant(dir: string, id: string, yaml: string): string {
  const file = path.join(dir, `${id}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

/** A tenant file with the given network section lines (indented two spaces). */
export function tenantYaml(network: Record<string, string>, zone = "acme.example"): string {
  const lines = Object.entries({ cidr: "10.20.0.0/16", ...network }).map(([k, v]) => `  ${k}: ${v}`);
  return ["aws:", "  region: eu-central-1", "network:", ...lines, "edge:", `  zone: ${zone}`, '  hostnames: ["@", www]', `  accountId: ${CLOUDFLARE_ACCOUNT}`, ""].join("\n");
}

/** Plans a tenant written from YAML text in its own temporary folder. */
export async function planYaml(id: string, yaml: string): Promise<TenantPlan> {
  const dir = tempFolder();
  writeTenant(dir, id, yaml);
  return planTenant(id, dir);
}

/** Resources of one type in a plan. */
export function ofType(plan: TenantPlan, type: string) {
  return plan.resources.filter((r) => r.type === type);
}

/** The same tenant file, joining an existing zone that another tenant manages. */
export function sharingZone(yaml: string): string {
  return yaml.replace(`  accountId: ${CLOUDFLARE_ACCOUNT}`, `  zoneId: ${CLOUDFLARE_ACCOUNT}\n  manageZone: false`);
}
