/**
 * Shapes of a parsed YAML document that tenant files do not use: merge keys (`<<`) and nesting
 * deeper than any section needs. Walks the document without recursion, so no depth can overflow
 * the stack.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";

/** Deepest nesting a tenant file may have; the schema's deepest value (edge.waf.adminPaths[0].allow[0]) is 5 levels down. */
export const MAX_NESTING = 16;

/** A node found in the document, by key path and source offset. */
export interface Found {
  readonly path: PropertyKey[];
  readonly offset: number;
}

/** Merge keys (`<<: *base`) and the first node nested deeper than {@link MAX_NESTING}. */
export function unusualShapes(doc: Document): { mergeKeys: Found[]; tooDeep?: Found } {
  const mergeKeys: Found[] = [];
  let tooDeep: Found | undefined;
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_NESTING) {
      const offset = (node as Node | undefined)?.range?.[0] ?? 0;
      if (!tooDeep || offset < tooDeep.offset) tooDeep = { path, offset };
      continue;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (isScalar(pair.key) && pair.key.value === "<<") mergeKeys.push({ path: [...path, key], offset: pair.key.range?.[0] ?? 0 });
        stack.push({ node: pair.value, path: [...path, key] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push({ node: item, path: [...path, index] }));
    }
  }
  return { mergeKeys: mergeKeys.sort((a, b) => a.offset - b.offset), tooDeep };
}
