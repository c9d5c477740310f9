/** Rules of the database and cache sections that relate fields or sections. */
import { ENGINE_PROFILES, performanceInsightsAvailable } from "../../../components/database";
import type { CacheSpec, DatabaseSpec } from "../sections/database";

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

interface Relevant {
  database?: DatabaseSpec;
  cache?: CacheSpec;
  web?: unknown;
}

export function checkDatabase(spec: Relevant, ctx: Context): void {
  const db = spec.database;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if (db) {
    const profile = ENGINE_PROFILES[db.engine];
    if (!profile.versions.includes(db.version)) {
      add(["database", "version"], `${db.engine} ${db.version} is not offered; choose one of ${profile.versions.map((v) => `"${v}"`).join(", ")}`);
    }
    if (db.storage.maxGiB < db.storage.allocatedGiB) {
      add(["database", "storage", "maxGiB"], `must be at least database.storage.allocatedGiB (${db.storage.allocatedGiB})`);
    }
    if (db.performanceInsights && !performanceInsightsAvailable(db.engine, db.instanceClass)) {
      add(["database", "performanceInsights"], `${db.instanceClass} does not offer Performance Insights for ${db.engine}; set it to false or choose db.t4g.medium or larger`);
    }
  }
  if ((db || spec.cache) && !spec.web) {
    add([db ? "database" : "cache"], "only the web tier's instances may connect to it: add a web section");
  }
}
