/**
 * The tenant-file snippets of a runbook: every ```yaml block of a Markdown file is a fragment of a
 * tenant file, merged into a sample tenant and validated with the tenant schema. A block that is
 * deliberately something else (a stack configuration, a policy file) says so in its info string:
 * ```yaml not-a-tenant-file. A block merges into samples/example.yaml, or into the sample its info
 * string names: ```yaml sample=lifesum.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { isMap, LineCounter, parseDocument, stringify } from "yaml";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { SAMPLES_DIR } from "../../tenant-schema/samples";
import { locate } from "../../tenant-schema/yaml-positions";

/** The marker of a ```yaml block that is not a tenant file fragment. */
export const NOT_A_TENANT_FILE = "not-a-tenant-file";

/** The sample a fragment is merged into unless its block names another. */
export const DEFAULT_SAMPLE = "example";

/** One fenced YAML block of a Markdown file. */
export interface YamlBlock {
  /** 1-based line of the first line inside the fence. */
  readonly line: number;
  /** The block's text, the fence's indentation removed. */
  readonly text: string;
  /** The words of the info string after the language. */
  readonly info: readonly string[];
  /** Columns of indentation the fence had (a block inside a list item), removed from {@link text}. @default 0 */
  readonly indent?: number;
}

/** Every ```yaml (or ```yml) block of a Markdown text, in order. */
export function yamlBlocks(markdown: string): YamlBlock[] {
  const lines = markdown.split("\n");
  const blocks: YamlBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, language, rest] = open;
    const close = new RegExp(`^\\s*${fence![0] === "`" ? "`" : "~"}{${fence!.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end]!)) end++;
    if (language === "yaml" || language === "yml") {
      const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent!) ? l.slice(indent!.length) : l.trimStart()));
      blocks.push({ line: i + 2, text: `${body.join("\n")}\n`, info: rest!.split(/\s+/).filter(Boolean), indent: indent!.length });
    }
    i = end;
  }
  return blocks;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `base` with `fragment` laid over it: mappings merge key by key, anything else replaces. */
export function mergeFragment(base: unknown, fragment: unknown): unknown {
  if (!isRecord(base) || !isRecord(fragment)) return fragment;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(fragment)) merged[key] = key in base ? mergeFragment(base[key], value) : value;
  return merged;
}

/** `network.zones[1]` → `["network", "zones", 1]`. */
function pathSegments(text: string): PropertyKey[] {
  return [...text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/**
 * The problems of one block of `runbook` (its path, for messages), each as
 * `runbook:line:column: key.path: message`, where the line is the runbook's; empty when the block
 * validates or carries the {@link NOT_A_TENANT_FILE} marker.
 */
export function snippetProblems(runbook: string, block: YamlBlock): string[] {
  if (block.info.includes(NOT_A_TENANT_FILE)) return [];
  const sampleId = block.info.find((w) => w.startsWith("sample="))?.slice("sample=".length) ?? DEFAULT_SAMPLE;
  const sampleFile = path.join(SAMPLES_DIR, `${sampleId}.yaml`);
  const at = (line: number, column: number) => `${runbook}:${block.line + line - 1}:${column + (block.indent ?? 0)}`;
  const lines = new LineCounter();
  const doc = parseDocument(block.text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const { line, col } = lines.linePos(doc.errors[0]!.pos[0]);
    return [`${at(line, col)}: not YAML: ${doc.errors[0]!.message.split("\n")[0]} (mark a block that is no tenant file \`\`\`yaml ${NOT_A_TENANT_FILE})`];
  }
  if (!isMap(doc.contents)) {
    return [`${at(1, 1)}: a tenant file fragment is a mapping of sections (mark a block that is no tenant file \`\`\`yaml ${NOT_A_TENANT_FILE})`];
  }
  let sample: unknown;
  try {
    sample = parseDocument(readFileSync(sampleFile, "utf8")).toJS();
  } catch {
    return [`${at(0, 1)}: sample=${sampleId}: no sample tenant ${sampleFile}`];
  }
  const merged = stringify(mergeFragment(sample, doc.toJS()));
  const result = parseTenant(sampleFile, Buffer.from(merged));
  if (result.ok) return [];
  return result.issues.map((issue) => {
    const position = locate(doc, lines, pathSegments(issue.path));
    return `${at(position.line, position.column)}: ${issue.path || "(the file)"}: ${issue.message} (the block merged into ${sampleFile})`;
  });
}

/** The problems of every tenant-file snippet of the runbook file `file`. */
export function runbookProblems(file: string): { blocks: number; problems: string[] } {
  const blocks = yamlBlocks(readFileSync(file, "utf8"));
  return { blocks: blocks.length, problems: blocks.flatMap((block) => snippetProblems(file, block)) };
}
