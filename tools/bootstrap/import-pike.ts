/**
 * `npx tsx tools/bootstrap/import-pike.ts <pike checkout> <version> <commit>`
 *
 * Re-reads, from a checkout of github.com/JamesWoolfenden/pike (Apache-2.0), the mapping file of
 * every Terraform type `data/pulumi-terraform-types.json` lists, and writes them with their source
 * to `data/pike-aws-actions.json`. Run it when a new resource type needs its actions, or to take a
 * newer Pike; review the diff, then regenerate the policies (`npm run bootstrap -- --policies`).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PIKE_FILE, TYPE_MAP, type PikeEntry } from "../../policies/deploy-permissions/action-data";

/** Every file under `dir`, by base name (Pike keeps one file per type, in a folder per service). */
function filesByName(dir: string, found = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) filesByName(full, found);
    else found.set(entry, full);
  }
  return found;
}

function main(argv: readonly string[]): number {
  const [checkout, version, commit] = argv;
  if (!checkout || !version || !commit) {
    console.error("usage: npx tsx tools/bootstrap/import-pike.ts <pike checkout> <version tag> <commit>");
    return 2;
  }
  const kinds = { resources: "resource", functions: "data" } as const;
  const out: Record<"resources" | "functions", Record<string, PikeEntry & { path: string }>> = { resources: {}, functions: {} };
  const missing: string[] = [];
  for (const kind of ["resources", "functions"] as const) {
    const root = path.join(checkout, "src/mapping/aws", kinds[kind]);
    const files = filesByName(root);
    for (const terraformType of [...new Set(Object.values(TYPE_MAP[kind]))].sort()) {
      const file = files.get(`${terraformType}.json`);
      if (!file) {
        missing.push(`${kinds[kind]}/${terraformType}`);
        continue;
      }
      const entries = JSON.parse(readFileSync(file, "utf8")) as PikeEntry[];
      out[kind][terraformType] = { path: path.relative(checkout, file), ...(entries[0] ?? { apply: [], destroy: [], modify: [], plan: [], attributes: {} }) };
    }
  }
  const document = {
    description: "Terraform AWS types and data sources mapped to the IAM actions they need, per operation (apply: create and read back, modify: update, destroy, plan: read, attributes: extra actions when an argument is set). Copied from Pike's mapping files; each entry names its file.",
    source: { repository: "https://github.com/JamesWoolfenden/pike", license: "Apache-2.0", version, commit },
    ...out,
  };
  writeFileSync(PIKE_FILE, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${PIKE_FILE}${missing.length > 0 ? `; not in Pike (add them to data/extra-aws-actions.json): ${missing.join(", ")}` : ""}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
