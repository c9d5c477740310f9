/**
 * The fleet report as Markdown, for a pull-request comment or a job summary (the cloud preview and
 * the offline plan's `--markdown` both use it). Tenants with identical changes are grouped
 * (`group-changes.ts`): "the same 4 updates in 37 tenants", the steps listed once, the tenant ids
 * in one line; outliers and failures follow one by one; every stateful, replaced or deleted step
 * of the fleet is listed first, in full, never hidden in a group. Then the tenants without changes
 * and a table of every tenant.
 *
 * A comment has a size budget below GitHub's limit: when the full report is longer, the comment
 * says so, links to the full report (uploaded as the workflow run's artifact), and keeps the most
 * important content first: the counts, every stateful, replaced or deleted step, the failures,
 * the outliers, then the groups, dropping the per-tenant table and the collapsed change lists,
 * then the routine steps of groups, and at last cutting the end at a line (a code block closed,
 * and the count of stateful, replaced or deleted steps that did not fit said).
 */
import type { FleetReport } from "./report";
import { groupFleet, type FleetGroups } from "./group-changes";
import { cutMarkdown } from "./cut-markdown";
import { type Detail, groupSection, MUST_SHOW_HEADING, mustShowSection, tenantList, tenantSection, tenantTable } from "./markdown-sections";
import { code } from "./markdown-parts";

export { costLine, cloudflarePlanLines } from "./markdown-parts";

/** Hidden first line of the comment a cloud preview posts; the workflow updates the comment holding it. */
export const PREVIEW_MARKER = "<!-- tenant-platform-preview -->";
/** Hidden first line of the offline plan's comment (forks and CI without cloud credentials). */
export const OFFLINE_MARKER = "<!-- tenant-platform-offline-plan -->";
/**
 * GitHub refuses comment bodies longer than this many characters: creating or updating an issue
 * comment answers 422 "Body is too long (maximum is 65536 characters)" (the API's message, quoted
 * in danger/danger#424 and telia-oss/github-pr-resource#259). The length here is JavaScript's
 * (UTF-16 code units), never less than the count of characters, so a text within it is within
 * GitHub's.
 */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** The comment's default size budget: GitHub's limit less a margin for the link the workflow puts in. */
export const COMMENT_BUDGET = 60_000;

/** Rendering options. */
export interface MarkdownOptions {
  /** Hidden marker line the comment is found by; default {@link PREVIEW_MARKER}. */
  readonly marker?: string;
  /** Maximum length of the comment in characters; default {@link COMMENT_BUDGET}. */
  readonly limit?: number;
  /**
   * Where the full report is when the comment must be shortened: a link target. The workflows
   * replace it with the artifact's URL (upload-artifact's `artifact-url` output). @default none:
   * the comment then says the full report is in the run's artifact
   */
  readonly fullReportLink?: string;
}

/** The comment and, when the comment had to be shortened, the full report. */
export interface RenderedReport {
  readonly comment: string;
  /** The whole report; absent when the comment holds it all. */
  readonly full?: string;
}

const FULL: Detail = { table: true, routineSteps: true, changeBlocks: true };
/** The levels of detail a comment falls back to, in order, when the full report is over budget. */
const SHORTER: readonly Detail[] = [
  { table: false, routineSteps: true, changeBlocks: false },
  { table: false, routineSteps: false, changeBlocks: false },
];

function title(report: FleetReport): string {
  const count = (status: string) => report.tenants.filter((t) => t.status === status).length;
  const parts = [`${report.tenants.length} tenant${report.tenants.length === 1 ? "" : "s"}`];
  for (const status of ["failed", "drifted", "interrupted", "not-started"]) {
    if (count(status) > 0) parts.push(`${count(status)} ${status.replace("-", " ")}`);
  }
  return `## Fleet ${report.operation}: ${parts.join(", ")}`;
}

/** `**Summary:** 99 tenants in 1 group, 1 outlier, …`. */
function summaryLine(fleet: FleetGroups): string {
  const grouped = fleet.groups.reduce((n, g) => n + g.tenants.length, 0);
  const parts = [
    `${grouped} tenant(s) in ${fleet.groups.length} group(s) of identical changes`,
    `${fleet.outliers.length} with changes of their own`,
    `${fleet.failed.length} failed or not run`,
    `${fleet.unchanged.length} without changes`,
  ];
  return `**Summary:** ${parts.join(", ")}.`;
}

function shortenedNotice(fullLength: number, limit: number, link: string | undefined): string {
  const where = link ? `[the full report](${link}) (in the workflow run's artifact)` : "the full report in the workflow run's artifact";
  return `> **Shortened:** the full report has ${fullLength.toLocaleString("en-US")} characters, more than the ${limit.toLocaleString("en-US")} this comment keeps (GitHub refuses comments over ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}). ` +
    `The counts, every stateful, replaced or deleted step, the failures and the outliers come first; ${where} has everything.`;
}

function render(report: FleetReport, fleet: FleetGroups, marker: string, detail: Detail, notice: string | undefined): string {
  const out = [marker, title(report), ""];
  for (const note of report.notes ?? []) out.push(`${note}  `);
  if ((report.notes ?? []).length > 0) out.push("");
  if (report.offboarded && report.offboarded.length > 0) {
    out.push(`> **Offboarding:** the tenant file of ${report.offboarded.map(code).join(", ")} was deleted. The driver does not destroy stacks; follow docs/runbooks/offboard.md.`, "");
  }
  if (report.tenants.length === 0) return [...out, "No tenant is affected.", ""].join("\n");
  out.push(summaryLine(fleet), "");
  if (notice) out.push(notice, "");
  out.push(...mustShowSection(fleet), "");
  for (const tenant of fleet.failed) out.push(...tenantSection(tenant, detail), "");
  if (fleet.outliers.length > 0 && fleet.groups.length > 0) out.push(`**Changes of their own (${fleet.outliers.length}):** ${tenantList(fleet.outliers)}, one by one below.`, "");
  for (const tenant of fleet.outliers) out.push(...tenantSection(tenant, detail), "");
  fleet.groups.forEach((group, index) => out.push(...groupSection(group, index, detail), ""));
  if (fleet.unchanged.length > 0) out.push(`**Without changes (${fleet.unchanged.length}):** ${tenantList(fleet.unchanged)}`, "");
  if (detail.table) out.push("### Per tenant", "", ...tenantTable(report.tenants), "");
  return out.join("\n");
}

/**
 * The report as Markdown: the whole report when it fits `options.limit`, else a shortened comment
 * (see the module comment) and the whole report beside it.
 */
export function renderMarkdownReport(report: FleetReport, options: MarkdownOptions = {}): RenderedReport {
  const marker = options.marker ?? PREVIEW_MARKER;
  const limit = options.limit ?? COMMENT_BUDGET;
  const fleet = groupFleet(report.tenants);
  const full = render(report, fleet, marker, FULL, undefined);
  if (full.length <= limit) return { comment: full };
  const notice = shortenedNotice(full.length, limit, options.fullReportLink);
  for (const detail of SHORTER) {
    const comment = render(report, fleet, marker, detail, notice);
    if (comment.length <= limit) return { comment, full };
  }
  return { comment: cutMarkdown(render(report, fleet, marker, SHORTER.at(-1)!, notice), limit, MUST_SHOW_HEADING), full };
}

/** The comment only (see {@link renderMarkdownReport}). */
export function renderMarkdown(report: FleetReport, options: MarkdownOptions = {}): string {
  return renderMarkdownReport(report, options).comment;
}
