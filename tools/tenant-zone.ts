/**
 * The tenant and Cloudflare zone an edge command works on: the one positional argument (a tenant
 * id in `--dir`, default `tenants`, or a path to a tenant file), validated, and the zone id from
 * `--zone-id` (the stack output `zoneId`) or the file's `edge.zoneId`.
 */
import * as path from "node:path";
import type { Io } from "./command-line";
import { loadTenantFile, type LoadedTenant } from "../tenant-schema/load-tenant";
import { formatIssues } from "../tenant-schema/spec-issue";

/** The tenant, its file and zone; or the exit code after the reason was printed. */
export type TenantZone = { readonly file: string; readonly tenant: LoadedTenant; readonly zoneId: string } | { readonly exit: number };

export function tenantZone(positionals: readonly string[], values: { readonly dir?: string; readonly "zone-id"?: string }, usage: string, io: Io): TenantZone {
  if (positionals.length !== 1) {
    io.err(usage);
    return { exit: 2 };
  }
  const target = positionals[0]!;
  const file = target.endsWith(".yaml") ? target : path.join(values.dir ?? "tenants", `${target}.yaml`);
  const loaded = loadTenantFile(file);
  if (!loaded.ok) {
    io.err(formatIssues(loaded.issues));
    return { exit: 1 };
  }
  const zoneId = values["zone-id"] ?? loaded.tenant.spec.edge.zoneId;
  if (!zoneId) {
    io.err(`${file}: the zone is created by the stack; pass its id with --zone-id (stack output zoneId)`);
    return { exit: 2 };
  }
  return { file, tenant: loaded.tenant, zoneId };
}
