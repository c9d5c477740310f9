/**
 * Which tenant file keys a resource's change comes from: the changed keys of the section whose
 * component the resource belongs to (`database.*` for everything under the database component).
 */
import type { PlannedResource } from "../../policies/plan-types";

/** The tenant file section a resource belongs to: its nearest platform component's kind. */
function sectionOf(resource: PlannedResource, byUrn: ReadonlyMap<string, PlannedResource>): string | undefined {
  for (let r: PlannedResource | undefined = resource; r; r = r.parent ? byUrn.get(r.parent) : undefined) {
    const match = /^tenant-platform:([a-z]+):/.exec(r.type);
    if (match && match[1] !== "tenant") return match[1];
  }
  return undefined;
}

/** The changed tenant file keys that may have caused a change of `resource`, as text. */
export function causeOf(resource: PlannedResource, byUrn: ReadonlyMap<string, PlannedResource>, changedFields: readonly string[]): string {
  const section = sectionOf(resource, byUrn);
  const own = changedFields.filter((f) => section !== undefined && (f === section || f.startsWith(`${section}.`)));
  const fields = own.length > 0 ? own : changedFields;
  return fields.length > 0 ? ` (tenant file: ${fields.join(", ")} changed)` : "";
}
