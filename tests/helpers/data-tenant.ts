/** Tenant files with web, database and cache sections, for the data tier tests. */
import { webTenantYaml } from "./web-tenant";

/** A web tenant plus the given database and cache lines (YAML, top level). */
export function dataTenantYaml(database: string[], cache: string[] = []): string {
  return `${webTenantYaml()}${["database:", ...database.map((l) => `  ${l}`), ...(cache.length ? ["cache:", ...cache.map((l) => `  ${l}`)] : [])].join("\n")}\n`;
}

export const MYSQL = ["engine: mysql", 'version: "8.0"', "instanceClass: db.t4g.medium"];
