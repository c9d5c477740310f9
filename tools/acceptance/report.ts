/** The acceptance report: every step with its outcome and timing, in JSON and Markdown. */
import type { Leftover } from "./ports";

export type StepStatus = "passed" | "failed" | "skipped";

/** One step of the run. */
export interface StepRecord {
  readonly name: string;
  /** Setup, a check from outside, the restore drill, or the cleanup. */
  readonly phase: "deploy" | "check" | "restore" | "cleanup";
  readonly status: StepStatus;
  readonly detail: string;
  /** The API or protocol the step uses, with its reference. */
  readonly api: string;
  readonly startedAt: string;
  readonly seconds: number;
}

/** The restore drill's measurements. */
export interface RestoreMeasures {
  readonly recoveryPointArn: string;
  /** From the start of the restore (the drill's deploy) until the restored copy answered with the marker. */
  readonly rtoSeconds: number;
  /** From the request for the recovery point back to the newest marker row the restored copy holds: the data a restore would lose. */
  readonly rpoSeconds: number;
  readonly markerToken: string;
}

export interface AcceptanceReport {
  readonly canary: string;
  readonly url: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** True when no step failed and nothing was left behind (or --keep kept it on purpose). */
  readonly ok: boolean;
  readonly kept: boolean;
  readonly steps: readonly StepRecord[];
  readonly restore?: RestoreMeasures;
  /** Resources still tagged with the canary after the cleanup; undefined with --keep. */
  readonly leftovers?: readonly Leftover[];
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderMarkdown(report: AcceptanceReport): string {
  const icon = { passed: "✅", failed: "❌", skipped: "⏭️" } as const;
  const lines = [
    `# Acceptance run: ${report.ok ? "passed" : "FAILED"}`,
    "",
    `Canary \`${report.canary}\` at ${report.url}, ${report.startedAt} to ${report.finishedAt}.`,
    "",
    "| step | phase | result | seconds | detail | API |",
    "|---|---|---|---|---|---|",
    ...report.steps.map((s) => `| ${cell(s.name)} | ${s.phase} | ${icon[s.status]} ${s.status} | ${s.seconds.toFixed(1)} | ${cell(s.detail)} | ${cell(s.api)} |`),
    "",
  ];
  if (report.restore) {
    lines.push("## Restore drill", "", `- recovery point: \`${report.restore.recoveryPointArn}\``,
      `- RTO (restore started → restored data answered): ${report.restore.rtoSeconds.toFixed(0)} s`,
      `- RPO (recovery point requested → newest restored marker row): ${report.restore.rpoSeconds.toFixed(0)} s`, "");
  }
  if (report.kept) lines.push("## Left in place (--keep)", "", "The canary was kept; remove it with another run without --keep or by hand.", "");
  else if (report.leftovers) {
    lines.push("## Left behind", "");
    lines.push(...(report.leftovers.length === 0 ? ["Nothing: no resource carries the canary's tag any more."] : report.leftovers.map((l) => `- \`${l.arn}\` (${l.region})${l.note ? `: ${l.note}` : ""}`)), "");
  }
  return lines.join("\n");
}
