/**
 * Shapes of a parsed YAML document that tenant files do not use: merge keys (`<<`), keys that are
 * not text (`? [a, b]`, `~`) or that JavaScript objects cannot hold (`__proto__`), tags beyond
 * YAML 1.2's core schema (`!!binary`, `!!set`), and nesting deeper than any section needs. Walks
 * the document without recursion, so no depth can overflow the stack.
 */
import { isCollection, isMap, isNode, isPair, isScalar, isSeq, type Document, type Node } from "yaml";

/** Deepest nesting a tenant file may have; the schema's deepest value (edge.waf.adminPaths[0].allow[0]) is 5 levels down. */
export const MAX_NESTING = 16;

/** A node found in the document, by key path and source offset. */
export interface Found {
  readonly path: PropertyKey[];
  readonly offset: number;
}

/** A key the file may not use, with why. */
export interface BadKey extends Found {
  readonly message: string;
}

/** A node carrying a tag outside the core schema, with the tag as written (`!!binary`). */
export interface ForeignTag extends Found {
  readonly tag: string;
}

/** Unusual shapes in one document; each list is in file order. */
export interface UnusualShapes {
  readonly mergeKeys: Found[];
  readonly badKeys: BadKey[];
  readonly foreignTags: ForeignTag[];
  readonly tooDeep?: Found;
}

/**
 * Tags of the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#103-core-schema: str, seq, map,
 * null, bool, int, float). The parser also knows YAML 1.1 tags such as !!binary, !!set, !!omap and
 * !!timestamp and would turn them into values a tenant file has no use for.
 */
const CORE_TAGS = new Set(["str", "seq", "map", "null", "bool", "int", "float"].map((name) => `tag:yaml.org,2002:${name}`));

/** A scalar key as a path segment: its text (YAML 1.2 keys of a tenant file are text, numbers or booleans). */
function keyText(key: unknown): string {
  if (!isScalar(key)) return "";
  const value: unknown = key.value;
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

/** Why `key` cannot be a tenant file's key, or undefined. */
function keyProblem(key: unknown): string | undefined {
  if (isCollection(key)) return "a key must be text; this key is a list or mapping (a YAML complex key, written with ?); write a plain key such as name:";
  if (!isScalar(key) || key.value === null) return "a key must be text; this key is empty or null (~); write a plain key such as name:";
  if (key.value === "__proto__") return 'the key "__proto__" cannot be read: JavaScript objects take it as their prototype, so its value would be lost; choose another name';
  return undefined;
}

/** The tag as written: `!!binary` for the YAML namespace, the tag itself otherwise (`!Ref`). */
function writtenTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

/** Merge keys, bad keys, foreign tags and the first node nested deeper than {@link MAX_NESTING}. */
export function unusualShapes(doc: Document): UnusualShapes {
  const mergeKeys: Found[] = [];
  const badKeys: BadKey[] = [];
  const foreignTags: ForeignTag[] = [];
  let tooDeep: Found | undefined;
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_NESTING) {
      const offset = (node as Node | undefined)?.range?.[0] ?? 0;
      if (!tooDeep || offset < tooDeep.offset) tooDeep = { path, offset };
      continue;
    }
    if (isNode(node) && node.tag !== undefined && node.tag.startsWith("tag:yaml.org,2002:") && !CORE_TAGS.has(node.tag)) {
      foreignTags.push({ path, offset: node.range?.[0] ?? 0, tag: writtenTag(node.tag) });
      continue;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = keyText(pair.key);
        const offset = (pair.key as Node | null)?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? 0;
        const problem = keyProblem(pair.key);
        if (problem) {
          // A key that is not text has no name to show; the mapping holding it is the path.
          badKeys.push({ path: isScalar(pair.key) && pair.key.value !== null ? [...path, key] : path, offset, message: problem });
          continue;
        }
        if (isScalar(pair.key) && pair.key.value === "<<") mergeKeys.push({ path: [...path, key], offset });
        stack.push({ node: pair.value, path: [...path, key] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push({ node: item, path: [...path, index] }));
    }
  }
  const inFileOrder = <T extends Found>(found: T[]) => found.sort((a, b) => a.offset - b.offset);
  return { mergeKeys: inFileOrder(mergeKeys), badKeys: inFileOrder(badKeys), foreignTags: inFileOrder(foreignTags), tooDeep };
}
