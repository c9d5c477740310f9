/**
 * The report as Markdown, for a pull-request comment or a job summary: a table of tenants, then per
 * tenant every replacement and deletion (stateful ones in bold), the disruptive in-place changes,
 * policy findings, an optional cost line and the full list of changes in a collapsed block. Types
 * read as `pulumi preview` shows them (`displayType`). Kept under GitHub's comment limit by
 * trimming the collapsed blocks first, saying what was trimmed.
 */
import { formatAmount, noTableNotice } from "../cost/render-cost";
import { displayType } from "../plan/plan-graph";
import { refusal, usedBy, usedFeatures } from "../plan/render-cloudflare-plan";
import type { CloudflarePlanReport } from "../spec/rules/plan-features";
import type { ChangeKind, ResourceChange } from "./changes";
import type { CostChange, CostRange, FleetReport, TenantReport } from "./report";

/** Hidden first line of the comment a cloud preview posts; the workflow updates the comment holding it. */
export const PREVIEW_MARKER = "<!-- tenant-platform-preview -->";
/** Hidden first line of the offline plan's comment (forks and CI without cloud credentials). */
export const OFFLINE_MARKER = "<!-- tenant-platform-offline-plan -->";
/** GitHub refuses comment bodies longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Rendering options. */
export interface MarkdownOptions {
  /** Hidden marker line the comment is found by; default {@link PREVIEW_MARKER}. */
  readonly marker?: string;
  /** Maximum length of the result in characters; default 65,000 (under {@link GITHUB_COMMENT_LIMIT}). */
  readonly limit?: number;
}

const SYMBOL: Readonly<Record<ChangeKind, string>> = { create: "+", update: "~", replace: "+-", delete: "-", read: ">", import: "=", same: " " };
const STATUS: Readonly<Record<TenantReport["status"], string>> = {
  succeeded: "ok",
  failed: "**failed**",
  drifted: "**drifted**",
  "in-sync": "in sync",
  interrupted: "**interrupted**",
  "not-started": "**not started** (cancelled)",
};
const SHOWN_KINDS: readonly ChangeKind[] = ["create", "update", "replace", "delete", "same"];

const dollars = (value: number) => `$${formatAmount(value)}`;

/** `$10.00`, `$10.00–$30.00`, `at least $10.00` (unknown prices), or `unknown`. */
function money(range: CostRange | null | undefined): string {
  if (!range || !Number.isFinite(range.min) || !Number.isFinite(range.max)) return "unknown";
  const amount = dollars(range.min) === dollars(range.max) ? dollars(range.min) : `${dollars(range.min)}–${dollars(range.max)}`;
  return range.unknownCount > 0 ? `at least ${amount}` : amount;
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : "-"}${dollars(Math.abs(value))}`;
}

/**
 * `Estimated cost: $10.00–$30.00 → $12.50–$35.00 per month (+$2.50 to +$5.00)`: ranges run from
 * the scaling minimums to the maximums; unknown values read "unknown", lower bounds "at least".
 */
export function costLine(cost: CostChange): string {
  const { before, after } = cost;
  // A region without a price table: no amount, but the command that generates the table.
  const notice = noTableNotice(after?.regionsWithoutTable);
  if (notice) return `Estimated cost: ${notice}`;
  // No comparison asked for (no base revision): the cost now only.
  if (before === undefined) return `Estimated cost: ${money(after)} per month`;
  let delta = "";
  if (before && after) {
    const low = after.min - before.min;
    const high = after.max - before.max;
    delta = dollars(low) === dollars(high) ? ` (${signed(low)})` : ` (${signed(low)} to ${signed(high)})`;
  }
  return `Estimated cost: ${money(before)} → ${money(after)} per month${delta}`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The zone's plan, how the zone is on it, and a table of the features the tenant file uses. */
export function cloudflarePlanLines(report: CloudflarePlanReport): string[] {
  const used = usedFeatures(report);
  const head = `**Cloudflare plan: ${report.plan}** (${escapeCell(report.basis)})`;
  if (used.length === 0) return [head];
  return [head, "", `| feature | used by the file | allowed on ${report.plan} |`, "|---|---|---|",
    ...used.map((row) => `| ${escapeCell(row.feature)} | ${escapeCell(usedBy(row))} | ${escapeCell(row.allowed)}${row.fits ? "" : ` **not allowed: ${refusal(row)}**`} |`)];
}

function changeLine(change: ResourceChange): string {
  const what = `${change.kind} ${code(displayType(change.type))} ${code(change.name)}`;
  const flags = [change.stateful ? "stateful" : "", change.protect ? "protected" : ""].filter(Boolean).join(", ");
  const keys = change.keys.length > 0 ? ` — ${change.kind === "replace" ? "forced by" : "keys"}: ${change.keys.map(code).join(", ")}` : "";
  const line = `${what}${flags ? ` (${flags})` : ""}${keys}`;
  return change.stateful ? `- **${line}**` : `- ${line}`;
}

function diffLine(change: ResourceChange): string {
  const keys = change.keys.length > 0 ? ` [${change.keys.join(", ")}]` : "";
  return `${SYMBOL[change.kind]} ${change.kind.padEnd(7)} ${displayType(change.type)} ${change.name}${keys}`;
}

/** The full list of changes of a tenant, one line each, as the collapsed block shows it. */
export function diffLines(tenant: TenantReport): string[] {
  return tenant.changes.resources.map(diffLine);
}

function table(report: FleetReport): string[] {
  const header = `| tenant | result | ${SHOWN_KINDS.join(" | ")} | policies |`;
  const rule = `|---|---|${SHOWN_KINDS.map(() => "--:").join("|")}|--:|`;
  const rows = report.tenants.map((t) => {
    const counts = SHOWN_KINDS.map((kind) => String(t.changes.counts[kind] ?? 0));
    const mandatory = t.changes.policies.filter((p) => p.level === "mandatory").length;
    const policies = t.changes.policies.length === 0 ? "0" : `${t.changes.policies.length}${mandatory > 0 ? ` (${mandatory} mandatory)` : ""}`;
    return `| ${escapeCell(t.tenant)} | ${STATUS[t.status]} | ${counts.join(" | ")} | ${policies} |`;
  });
  return [header, rule, ...rows];
}

function title(report: FleetReport): string {
  const failed = report.tenants.filter((t) => t.status === "failed").length;
  const drifted = report.tenants.filter((t) => t.status === "drifted").length;
  const parts = [`${report.tenants.length} tenant${report.tenants.length === 1 ? "" : "s"}`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (drifted > 0) parts.push(`${drifted} drifted`);
  const interrupted = report.tenants.filter((t) => t.status === "interrupted").length;
  const notStarted = report.tenants.filter((t) => t.status === "not-started").length;
  if (interrupted > 0) parts.push(`${interrupted} interrupted`);
  if (notStarted > 0) parts.push(`${notStarted} not started`);
  return `## Fleet ${report.operation}: ${parts.join(", ")}`;
}

interface Budget {
  /** Lines of the collapsed diff kept per tenant (undefined: all; 0: the block is dropped). */
  readonly diffLines: (tenant: TenantReport) => number | undefined;
  /** Replacements and deletions listed per tenant before "… and N more". */
  readonly dangerLimit: number;
}

function tenantSection(tenant: TenantReport, budget: Budget): string[] {
  const out = [`### ${tenant.tenant}: ${STATUS[tenant.status]}`];
  if (tenant.error) out.push("", "```", tenant.error.trim(), "```");
  const danger = tenant.changes.resources.filter((c) => c.kind === "replace" || c.kind === "delete");
  if (danger.length > 0) {
    out.push("", `**Replaced or deleted (${danger.length}):**`, "");
    out.push(...danger.slice(0, budget.dangerLimit).map(changeLine));
    if (danger.length > budget.dangerLimit) out.push(`- … and ${danger.length - budget.dangerLimit} more (trimmed)`);
  }
  const warnings = tenant.changes.warnings ?? [];
  if (warnings.length > 0) {
    out.push("", `**Disruptive changes (${warnings.length}):**`, "", ...warnings.map((w) => `- ${escapeCell(w)}`));
  }
  if (tenant.changes.policies.length > 0) {
    out.push("", `**Policy findings (${tenant.changes.policies.length}):**`, "");
    for (const p of tenant.changes.policies) {
      out.push(`- [${p.level}] ${code(p.policy)}${p.urn ? ` on ${code(p.urn.split("::").pop() ?? p.urn)}` : ""}: ${escapeCell(p.message)}`);
    }
  }
  if (tenant.changes.errors.length > 0 && !tenant.error) {
    out.push("", "**Errors:**", "", ...tenant.changes.errors.map((e) => `- ${escapeCell(e)}`));
  }
  for (const note of tenant.notes ?? []) out.push("", `> ${escapeCell(note)}`);
  if (tenant.cost) out.push("", costLine(tenant.cost));
  if (tenant.cloudflare) out.push("", ...cloudflarePlanLines(tenant.cloudflare));
  const lines = diffLines(tenant);
  const keep = budget.diffLines(tenant);
  if (lines.length > 0 && keep !== 0) {
    const shown = keep === undefined ? lines : lines.slice(0, keep);
    const cut = lines.length - shown.length;
    out.push("", `<details><summary>All changes (${lines.length})</summary>`, "", "```diff", ...shown, ...(cut > 0 ? [`# … ${cut} more line(s) trimmed`] : []), "```", "", "</details>");
  }
  return out;
}

function render(report: FleetReport, marker: string, budget: Budget, trimmed: readonly string[]): string {
  const out = [marker, title(report), ""];
  for (const note of report.notes ?? []) out.push(`${note}  `);
  if ((report.notes ?? []).length > 0) out.push("");
  if (report.offboarded && report.offboarded.length > 0) {
    out.push(`> **Offboarding:** the tenant file of ${report.offboarded.map(code).join(", ")} was deleted. The driver does not destroy stacks; follow docs/runbooks/offboard.md.`, "");
  }
  if (report.tenants.length === 0) out.push("No tenant is affected.", "");
  else out.push(...table(report), "");
  for (const tenant of report.tenants) out.push(...tenantSection(tenant, budget), "");
  if (trimmed.length > 0) out.push(`_Trimmed to fit GitHub's comment limit: ${trimmed.join("; ")}. The job log has everything._`, "");
  return out.join("\n");
}

/** Shares `budget` characters among blocks of the given sizes, smallest first (water filling). */
function share(sizes: readonly number[], budget: number): number[] {
  const order = sizes.map((size, index) => ({ size, index })).sort((a, b) => a.size - b.size);
  const result = sizes.map(() => 0);
  let left = Math.max(0, budget);
  order.forEach(({ size, index }, i) => {
    const fair = Math.floor(left / (order.length - i));
    const given = Math.min(size, fair);
    result[index] = given;
    left -= given;
  });
  return result;
}

/**
 * Renders the report as Markdown of at most `options.limit` characters. When the full report is
 * longer, the collapsed diffs are cut first (evenly, small ones kept whole), then dropped, then
 * the lists of replacements and deletions shortened; a closing line says what was trimmed.
 */
export function renderMarkdown(report: FleetReport, options: MarkdownOptions = {}): string {
  const marker = options.marker ?? PREVIEW_MARKER;
  const limit = options.limit ?? 65_000;
  const full = render(report, marker, { diffLines: () => undefined, dangerLimit: Infinity }, []);
  if (full.length <= limit) return full;

  const withDiffs = report.tenants.filter((t) => t.changes.resources.length > 0);
  const reserve = 400 + withDiffs.length * 60; // the trimming notes
  const bare = render(report, marker, { diffLines: () => 0, dangerLimit: Infinity }, []);
  const lineSizes = new Map(report.tenants.map((t) => [t, diffLines(t).map((l) => l.length + 1)]));
  const blockOverhead = 90;
  const room = limit - bare.length - reserve - withDiffs.length * blockOverhead;
  if (room > 0) {
    const sizes = withDiffs.map((t) => lineSizes.get(t)!.reduce((a, b) => a + b, 0));
    const allowance = new Map(withDiffs.map((t, i) => [t, share(sizes, room)[i]!]));
    const keep = (t: TenantReport): number => {
      let used = 0;
      let count = 0;
      for (const size of lineSizes.get(t) ?? []) {
        if (used + size > (allowance.get(t) ?? 0)) break;
        used += size;
        count++;
      }
      return count;
    };
    const cut = withDiffs.filter((t) => keep(t) < diffLines(t).length).map((t) => t.tenant);
    const text = render(report, marker, { diffLines: keep, dangerLimit: Infinity }, [`the full change lists of ${cut.join(", ")} were shortened`]);
    if (text.length <= limit) return text;
  }
  const dropped = `the full change lists were left out`;
  if (bare.length + reserve <= limit) return render(report, marker, { diffLines: () => 0, dangerLimit: Infinity }, [dropped]);

  for (let dangerLimit = 50; dangerLimit >= 0; dangerLimit = dangerLimit > 5 ? Math.floor(dangerLimit / 2) : dangerLimit - 1) {
    const text = render(report, marker, { diffLines: () => 0, dangerLimit }, [dropped, `at most ${dangerLimit} replacements and deletions are listed per tenant`]);
    if (text.length <= limit) return text;
  }
  const notice = "\n\n_Trimmed to fit GitHub's comment limit: the report was cut here. The job log has everything._\n";
  return render(report, marker, { diffLines: () => 0, dangerLimit: 0 }, [dropped]).slice(0, limit - notice.length) + notice;
}
