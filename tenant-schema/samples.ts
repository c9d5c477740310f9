/**
 * The sample tenants: complete tenant files for the seed systems, kept in `samples/` so that no
 * deployment ever picks them up (the program and the fleet read the tenant folder, `tenants/` by
 * default). They are planned offline like any tenant (`npm run plan -- --dir samples <id>`); a
 * team makes one a tenant by copying it into the tenant folder with its own accounts and zone.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";

/** The folder of sample tenant files, relative to the project folder. */
export const SAMPLES_DIR = "samples";

/**
 * A hint for a tenant id that is not in `tenantsDir` but is a sample (`samples/<id>.yaml` under
 * `projectDir`), saying how to plan it and that it is not deployed from there; "" otherwise, and
 * when `tenantsDir` is the samples folder itself.
 */
export function sampleHint(id: string, tenantsDir: string, projectDir = "."): string {
  const samples = path.resolve(projectDir, SAMPLES_DIR);
  if (path.resolve(projectDir, tenantsDir) === samples || !existsSync(path.join(samples, `${id}.yaml`))) return "";
  return (
    ` ${id} is a sample (${SAMPLES_DIR}/${id}.yaml): samples are planned with --dir ${SAMPLES_DIR} and never deployed;` +
    ` to make it a tenant, copy it into ${tenantsDir}/ with your own aws.accountId and Cloudflare account or zone id`
  );
}
