/**
 * `npm run plan -- … --markdown <file>`: the fleet report for offline plans, so pull requests from
 * forks (no cloud credentials) still get a summary. With `--base <ref>`, each tenant file's
 * version at that revision is planned too (with the current code) and compared.
 */
import { declarationsFromSpec } from "../../policies/declarations";
import type { PolicyConfig } from "../../policies/policy-config";
import type { CostChange } from "./report";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { GitBaseError, readAtRevision } from "../spec/git-base";
import type { LoadedTenant } from "../spec/load-tenant";
import type { TenantPlan } from "../plan/plan-types";
import { planTenant } from "../plan/run-plan";
import { NO_CHANGES } from "./changes";
import { offlineChanges } from "./offline-changes";
import { OFFLINE_MARKER, renderMarkdown } from "./render-markdown";
import type { TenantReport } from "./report";

/** The plan of a tenant file's version at `base`, or a note saying why there is none. */
async function basePlan(tenant: LoadedTenant, base: string): Promise<{ plan?: TenantPlan; note: string }> {
  let bytes: Buffer | undefined;
  try {
    bytes = readAtRevision(base, tenant.file);
  } catch (error) {
    if (error instanceof GitBaseError) return { note: error.message };
    throw error;
  }
  if (!bytes) return { note: `new tenant: no ${path.basename(tenant.file)} at ${base}` };
  const dir = mkdtempSync(path.join(os.tmpdir(), "plan-base-"));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${tenant.spec.id}.yaml`), bytes);
    return { plan: await planTenant(tenant.spec.id, dir), note: `compared with ${path.basename(tenant.file)} at ${base} (planned with the current code)` };
  } catch (error) {
    return { note: `the version at ${base} could not be planned (${(error as Error).message.split("\n")[0]}); every resource is shown as new` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Collects offline plans into one Markdown report written at the end. */
export class OfflineMarkdownReport {
  private readonly tenants: TenantReport[] = [];

  /**
   * @param file where {@link write} puts the Markdown.
   * @param base git revision to compare each tenant file with; default: none (every resource new).
   */
  constructor(readonly file: string, readonly base?: string) {}

  /** Adds a planned tenant (planning its base version first when there is a base). */
  async add(tenant: LoadedTenant, plan: TenantPlan, policies?: PolicyConfig, cost?: CostChange): Promise<void> {
    const baseline = this.base ? await basePlan(tenant, this.base) : { note: "no base revision: every resource is shown as new" };
    const options = { config: policies, declared: declarationsFromSpec(tenant.spec) };
    this.tenants.push({ tenant: tenant.spec.id, status: "succeeded", changes: offlineChanges(plan, baseline.plan, options), notes: [baseline.note, ...(cost?.before !== undefined && this.base ? [`cost before: the tenant file at ${this.base}, estimated with this revision's code (the change priced is the file's)`] : [])], ...(cost ? { cost } : {}) });
  }

  /** Adds a tenant whose plan failed. */
  fail(tenant: string, message: string): void {
    this.tenants.push({ tenant, status: "failed", error: message, changes: NO_CHANGES });
  }

  /** Records a failure of the whole run (listed as `plan`) unless a tenant's failure already explains it. */
  failRun(message: string): void {
    if (!this.tenants.some((t) => t.status === "failed")) this.fail("plan", message);
  }

  /** Writes the report. */
  write(): void {
    mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    writeFileSync(this.file, renderMarkdown({ operation: "offline plan", tenants: this.tenants }, { marker: OFFLINE_MARKER }));
  }
}
