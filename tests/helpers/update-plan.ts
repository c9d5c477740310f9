/** Plans a tenant file edit against its committed version (`plan --base HEAD --json`): the simulated update. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { main } from "../../tools/cli/plan";
import type { SimulatedChange } from "../../tools/plan/update-simulation";
import { tenantRepository } from "./tenant-repository";

/** Commits `before` as tenants/acme.yaml, writes `after`, plans against HEAD: exit code, changes, output (the review of the changes). */
export async function planUpdate(before: string, after: string) {
  const { dir, file } = tenantRepository(before, after);
  const tenants = path.dirname(file);
  const json = path.join(dir, "plan.json");
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["acme", "--dir", tenants, "--base", "HEAD", "--json", json], { out: (t) => out.push(t), err: (t) => err.push(t) });
  let changes: SimulatedChange[] = [];
  try {
    changes = (JSON.parse(readFileSync(json, "utf8")) as { changes: SimulatedChange[] }).changes;
  } catch {
    // no plan written
  }
  return { code, changes, out: out.join("\n"), err: err.join("\n").replaceAll(`${dir}/`, "") };
}

/** The changes as `step(mode) type name [fields]` lines, in order. */
export const stepLines = (changes: readonly SimulatedChange[]) =>
  changes.map((c) => `${c.step}${c.mode ? `(${c.mode})` : ""} ${c.type} ${c.name}${c.fields.length ? ` [${c.fields.join(", ")}]` : ""}`);
