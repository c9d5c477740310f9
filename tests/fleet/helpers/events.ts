/** Engine events as the Pulumi engine emits them, for tests. */
import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";

/** An event without sequence numbers (the fakes add them). */
export type TestEvent = Omit<EngineEvent, "sequence" | "timestamp">;

/** The URN of a resource of `stack`. */
export function urn(stack: string, type: string, name: string): string {
  return `urn:pulumi:${stack}::tenant-platform::${type}::${name}`;
}

/** A resource step (`resourcePreEvent`) of `stack`. */
export function step(stack: string, op: OpType, type: string, name: string, extra: Partial<StepEventMetadata> = {}): TestEvent {
  return { resourcePreEvent: { metadata: { op, urn: urn(stack, type, name), type, provider: "", ...extra } } };
}

/** A finished step (`resOutputsEvent`). */
export function done(stack: string, op: OpType, type: string, name: string): TestEvent {
  return { resOutputsEvent: { metadata: { op, urn: urn(stack, type, name), type, provider: "" } } };
}

/** The summary event that ends an operation. */
export function summary(resourceChanges: Record<string, number>): TestEvent {
  return { summaryEvent: { maybeCorrupt: false, durationSeconds: 3, resourceChanges, policyPacks: {} } };
}

/** A policy finding. */
export function policy(policyName: string, enforcementLevel: "warning" | "mandatory", message: string, resourceUrn?: string): TestEvent {
  return { policyEvent: { policyName, enforcementLevel, message, color: "never", policyPackName: "tenant-platform", policyPackVersion: "1", policyPackVersionTag: "v1", ...(resourceUrn ? { resourceUrn } : {}) } };
}

/** An error diagnostic. */
export function errorDiagnostic(message: string): TestEvent {
  return { diagnosticEvent: { message, color: "never", severity: "error" } };
}

/** Adds sequence numbers and timestamps. */
export function numbered(events: readonly TestEvent[]): EngineEvent[] {
  return events.map((event, sequence) => ({ sequence, timestamp: 0, ...event }));
}
