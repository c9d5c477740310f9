/** Live progress for CI logs: one line per step, prefixed by the tenant id. */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { stripAnsi } from "./changes";
import { nameOfUrn } from "./urn-name";

/** The line an engine event prints for `tenant`, or undefined for events not worth a line. */
export function progressLine(tenant: string, event: EngineEvent): string | undefined {
  const prefix = `${tenant} |`;
  const pre = event.resourcePreEvent?.metadata;
  if (pre) {
    if (pre.op === "same" || pre.op === "refresh" || pre.op === "read") return undefined;
    const verb = event.resourcePreEvent?.planning ? "plan" : "start";
    return `${prefix} ${verb} ${pre.op} ${pre.type} ${nameOfUrn(pre.urn)}`;
  }
  const done = event.resOutputsEvent?.metadata;
  if (done) {
    if (done.op === "same" || done.op === "refresh" || done.op === "read" || event.resOutputsEvent?.planning) return undefined;
    return `${prefix} done ${done.op} ${done.type} ${nameOfUrn(done.urn)}`;
  }
  const failed = event.resOpFailedEvent?.metadata;
  if (failed) return `${prefix} FAILED ${failed.op} ${failed.type} ${nameOfUrn(failed.urn)}`;
  const diagnostic = event.diagnosticEvent;
  if (diagnostic && (diagnostic.severity === "error" || diagnostic.severity === "warning") && !diagnostic.ephemeral) {
    const text = stripAnsi(diagnostic.message).trim().replace(/\s*\n\s*/g, " ");
    return text ? `${prefix} ${diagnostic.severity}: ${text}` : undefined;
  }
  const policy = event.policyEvent;
  if (policy) return `${prefix} policy [${policy.enforcementLevel}] ${policy.policyName}: ${stripAnsi(policy.message).trim().replace(/\s*\n\s*/g, " ")}`;
  const summary = event.summaryEvent;
  if (summary) {
    const counts = Object.entries(summary.resourceChanges).filter(([, n]) => (n ?? 0) > 0).map(([op, n]) => `${n} ${op}`);
    return `${prefix} summary: ${counts.length > 0 ? counts.join(", ") : "nothing"} (${Math.round(summary.durationSeconds)} s)`;
  }
  return undefined;
}

/** Splits CLI text output into lines prefixed by the tenant, for `--verbose`. */
export function outputLines(tenant: string, text: string): string[] {
  return stripAnsi(text).split(/\r?\n/).filter((line) => line.trim().length > 0).map((line) => `${tenant} | ${line}`);
}
