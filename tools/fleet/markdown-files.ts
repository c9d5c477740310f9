/**
 * Writes the fleet report's Markdown: the comment to the file asked for and, when the comment had
 * to be shortened, the full report beside it (`summary.md` → `summary.full.md`), which the
 * comment links to by its file name. The workflows upload both as the run's artifact and replace
 * that link with the artifact's URL before they post the comment.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { renderMarkdownReport } from "./render-markdown";
import type { FleetReport } from "./report";

/** `summary.md` → `summary.full.md`: where the full report goes beside the comment `file`. */
export function fullReportFile(file: string): string {
  const extension = path.extname(file);
  return `${file.slice(0, file.length - extension.length)}.full${extension || ".md"}`;
}

/** Writes the comment to `file` and, when it is shortened, the full report to {@link fullReportFile}; returns the files written. */
export function writeMarkdownReport(file: string, report: FleetReport, marker: string): string[] {
  const full = fullReportFile(file);
  const rendered = renderMarkdownReport(report, { marker, fullReportLink: path.basename(full) });
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, rendered.comment);
  if (rendered.full === undefined) return [file];
  writeFileSync(full, rendered.full);
  return [file, full];
}
