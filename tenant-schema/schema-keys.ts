/** Reads the allowed keys of the mapping at a path of a zod schema, for "allowed keys" hints. */
import type { z } from "zod";

type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") {
      current = def.innerType as AnySchema;
    } else if (def.type === "pipe") {
      current = def.in as AnySchema;
    } else {
      return current;
    }
  }
}

/** The schema found at `path`, or undefined when the path leaves the schema. */
export function schemaAt(root: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let current: AnySchema | undefined = unwrap(root);
  for (const segment of path) {
    if (!current) return undefined;
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "object") {
      current = (def.shape as Record<string, AnySchema>)[String(segment)];
    } else if (def.type === "array") {
      current = def.element as AnySchema;
    } else if (def.type === "record") {
      current = def.valueType as AnySchema;
    } else {
      return undefined;
    }
    current = current ? unwrap(current) : undefined;
  }
  return current;
}

/** Keys a strict object at `path` accepts, in declaration order. */
export function allowedKeysAt(root: AnySchema, path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(root, path);
  const def = schema?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** Edit distance, for "did you mean" suggestions on misspelt keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The allowed key closest to a misspelt one, if any is close enough to be a likely typo. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; score: number } | undefined;
  for (const candidate of allowed) {
    const score = candidate.toLowerCase() === key.toLowerCase() ? 0 : distance(key, candidate);
    if (score <= Math.max(2, Math.floor(candidate.length / 3)) && (!best || score < best.score)) {
      best = { key: candidate, score };
    }
  }
  return best?.key;
}
