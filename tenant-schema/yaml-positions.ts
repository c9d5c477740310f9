/** Finds where a key path of a parsed YAML document is written, for error messages. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export interface Position {
  readonly line: number;
  readonly column: number;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === "string" ? key : undefined;
}

function positionOf(node: { range?: [number, number, number] | null } | null | undefined, lines: LineCounter): Position | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/**
 * The position of the value at `path`, or, where the path leads nowhere (a missing key), of the
 * deepest key that exists on the way; the document start as a last resort.
 */
export function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): Position {
  const start = positionOf(doc.contents, lines) ?? { line: 1, column: 1 };
  let current: unknown = doc.contents;
  let best = start;
  // Where a key is missing, the mapping's own key ("aws:") is the most useful place to point at.
  let owner = start;
  let endsOnMapping = false;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (!pair) return owner;
      owner = positionOf(pair.key as Node, lines) ?? owner;
      current = pair.value;
      endsOnMapping = isMap(current);
    } else if (isSeq(current) && typeof segment === "number") {
      const item = current.items[segment];
      if (item === undefined) return owner;
      current = item;
      endsOnMapping = false;
    } else {
      return owner;
    }
    best = positionOf(current as Node, lines) ?? owner;
    if (!isSeq(current)) owner = isMap(current) ? owner : best;
  }
  // A whole section is best pointed at by its key ("database:"), not by its first entry.
  return endsOnMapping ? owner : best;
}

/** The text a scalar was written as (`8.0` where YAML read the number 8), if it is one. */
export function sourceText(doc: Document, path: readonly PropertyKey[]): string | undefined {
  const node = doc.getIn(path as unknown[], true);
  return isScalar(node) && typeof node.source === "string" ? node.source : undefined;
}

/** The position of the key `key` in the mapping at `path` (for unknown-key errors). */
export function locateKey(doc: Document, lines: LineCounter, path: readonly PropertyKey[], key: string): Position {
  const map = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (isMap(map)) {
    const pair = map.items.find((item) => keyText(item.key) === key);
    const position = positionOf(pair?.key as Node | undefined, lines);
    if (position) return position;
  }
  return locate(doc, lines, path);
}
