/**
 * `node --import tsx tools/bench/faithfulness.ts <tenant folder> [rounds]`: plans every tenant
 * of the folder with the policy pack, in one process, with the faithfulness checks and without
 * them, and prints the times as JSON (`FaithfulnessTimes`).
 *
 * With the checks: duplicate-URN refusals and physical names as the engine and the provider form
 * them (`engineChecks`), the preflight rules, and the reachability model (its rule and the plan's
 * flow summary). Without: the same program and the rest of the pack. Module loading and a first
 * warm-up round are not counted; each round records, per variant, the process's CPU time (user +
 * system, which other work on the machine disturbs least) and its wall time, summed over the
 * tenants.
 */
import { ALL_RULES } from "../../policies/all-rules";
import { declarationsFromSpec } from "../../policies/declarations";
import { PREFLIGHT_RULES } from "../../policies/preflight";
import { networkReachability } from "../../policies/rules/reachability";
import { runRules } from "../../policies/run-offline";
import { renderReachability } from "../plan/render-reachability";
import { planTenant } from "../plan/run-plan";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import { loadTenantFolder } from "../../tenant-schema/tenant-files";

/** The rules that are faithfulness checks: the preflight pack and the reachability model. */
export const FAITHFULNESS_RULES: ReadonlySet<string> = new Set([...PREFLIGHT_RULES, networkReachability].map((rule) => rule.name));

/** One variant's times over the counted rounds, each the sum over every tenant. */
export interface VariantTimes {
  readonly cpuSeconds: number[];
  readonly wallSeconds: number[];
}

/** What the script prints. */
export interface FaithfulnessTimes {
  readonly tenants: number;
  readonly checked: VariantTimes;
  readonly unchecked: VariantTimes;
}

/** CPU (user + system) and wall seconds of `work`. */
async function timed(work: () => Promise<void>): Promise<{ cpu: number; wall: number }> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  await work();
  const cpu = process.cpuUsage(cpuBefore);
  return { cpu: (cpu.user + cpu.system) / 1e6, wall: Number(process.hrtime.bigint() - wallBefore) / 1e9 };
}

/** One tenant planned and checked by the pack, with or without the faithfulness checks. */
async function planOne(tenant: LoadedTenant, dir: string, fleet: readonly LoadedTenant[], checked: boolean): Promise<void> {
  const plan = await planTenant(tenant.spec.id, dir, { fleet, engineChecks: checked });
  runRules(plan, checked ? ALL_RULES : UNCHECKED_RULES, { declared: declarationsFromSpec(tenant.spec) });
  if (checked) renderReachability(plan, false);
}

const UNCHECKED_RULES = ALL_RULES.filter((rule) => !FAITHFULNESS_RULES.has(rule.name));

/**
 * `rounds` counted rounds after one warm-up round. Within a round each tenant is planned both
 * ways back to back, the order alternating from tenant to tenant and round to round, so that
 * changes in the machine's load fall on both variants alike.
 */
async function main(dir: string, rounds: number): Promise<FaithfulnessTimes> {
  const fleet = loadTenantFolder(dir).tenants;
  const checked: VariantTimes = { cpuSeconds: [], wallSeconds: [] };
  const unchecked: VariantTimes = { cpuSeconds: [], wallSeconds: [] };
  for (let round = 0; round <= rounds; round++) {
    const sums = new Map<boolean, { cpu: number; wall: number }>([[true, { cpu: 0, wall: 0 }], [false, { cpu: 0, wall: 0 }]]);
    for (const [index, tenant] of fleet.entries()) {
      for (const withChecks of (round + index) % 2 === 0 ? [true, false] : [false, true]) {
        const { cpu, wall } = await timed(() => planOne(tenant, dir, fleet, withChecks));
        const sum = sums.get(withChecks)!;
        sum.cpu += cpu;
        sum.wall += wall;
      }
    }
    if (round === 0) continue; // warm-up
    for (const [withChecks, sum] of sums) {
      const into = withChecks ? checked : unchecked;
      into.cpuSeconds.push(sum.cpu);
      into.wallSeconds.push(sum.wall);
    }
  }
  return { tenants: fleet.length, checked, unchecked };
}

if (require.main === module) {
  const [dir, roundsText = "5"] = process.argv.slice(2);
  const rounds = Number(roundsText);
  if (!dir || !Number.isInteger(rounds) || rounds < 1) {
    console.error("usage: faithfulness.ts <tenant folder> [rounds (a whole number, at least 1; default 5)]");
    process.exitCode = 2;
  } else {
    main(dir, rounds).then(
      (times) => console.log(JSON.stringify(times)),
      (error: unknown) => {
        // The message, not the error: printing an error object inspects its stack, which loops on
        // Node.js releases with nodejs/node#64011 (program/run-error-stack.ts).
        console.error(`faithfulness: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      },
    );
  }
}
