/** Findings as a compact list for pull-request summaries: mandatory first, then by rule and resource. */
import type { Violation } from "./run-offline";

/** One line of the summary. */
export interface FindingLine {
  readonly rule: string;
  /** FSBP / CIS id or the platform's own control. */
  readonly control: string;
  readonly level: "mandatory" | "advisory";
  readonly urn: string;
  /** The resource's logical name (the URN's last part). */
  readonly resource: string;
  readonly message: string;
}

const LEVEL_ORDER = { mandatory: 0, advisory: 1 } as const;

/** The findings, deduplicated, mandatory first, then by rule name and resource name. */
export function summarizeFindings(violations: readonly Violation[]): FindingLine[] {
  const seen = new Set<string>();
  const lines: FindingLine[] = [];
  for (const v of violations) {
    const key = `${v.rule}\u0000${v.urn}\u0000${v.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({ rule: v.rule, control: v.control, level: v.enforcementLevel, urn: v.urn, resource: v.urn.split("::").pop() ?? v.urn, message: v.message });
  }
  return lines.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.rule.localeCompare(b.rule) || a.resource.localeCompare(b.resource));
}

/** One line of text per finding: `[mandatory] rule (control): resource: message`. */
export function formatFindingLine(line: FindingLine): string {
  return `[${line.level}] ${line.rule} (${line.control}): ${line.resource}: ${line.message}`;
}
