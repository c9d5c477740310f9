/**
 * Reads one tenant file into a validated {@link TenantSpec}, or into issues that each name the
 * file, line, column and key path and say what is allowed. Never throws for bad input.
 */
import * as path from "node:path";
import { isMap, isAlias, LineCounter, parseAllDocuments, visit, type Document, type YAMLError } from "yaml";
import { messageFor } from "./messages";
import { applyPreset, type PresetApplied } from "./presets";
import { allowedKeysAt, closestKey } from "./schema-keys";
import { formatPath, type SpecIssue } from "./spec-issue";
import { TENANT_ID, tenantSchema, type TenantSpec } from "./tenant-schema";
import { reservedTenantIdProblem } from "./reserved-tenant-ids";
import { locate, locateKey, sourceText, type Position } from "./yaml-positions";
import { lookAlikeOf } from "./look-alike";
import { MAX_NESTING, unusualShapes } from "./yaml-shape";
import { readInputFile } from "./read-input";

/** Tenant files larger than this are refused before parsing. */
export const MAX_TENANT_FILE_BYTES = 256 * 1024;

/** Aliases one tenant file may expand; a handful is plenty, thousands is an alias bomb. */
export const MAX_ALIAS_EXPANSIONS = 100;

/** A tenant file that passed validation, with its parsed document kept for positions. */
export interface LoadedTenant {
  readonly spec: TenantSpec;
  readonly file: string;
  /** Position of a key path in the file (for checks made later, such as fleet checks). */
  positionOf(path: readonly PropertyKey[]): Position;
}

export type LoadResult = { ok: true; tenant: LoadedTenant } | { ok: false; issues: SpecIssue[] };

/** The tenant id a file name stands for: `tenants/acme.yaml` → `acme`. */
export function tenantIdOf(file: string): string {
  return path.basename(file, path.extname(file));
}

/** Reads and validates a tenant file from disk (a regular file of at most {@link MAX_TENANT_FILE_BYTES}; see {@link readInputFile}). */
export function loadTenantFile(file: string): LoadResult {
  const read = readInputFile(file, MAX_TENANT_FILE_BYTES, "a tenant file");
  return read.ok ? parseTenant(file, read.bytes) : fail(file, read.reason);
}

/** Validates the bytes of a tenant file; `file` names it in messages and gives the tenant id. */
export function parseTenant(file: string, bytes: Uint8Array): LoadResult {
  const nameProblem = tenantFileNameProblem(file);
  if (nameProblem) return fail(file, nameProblem);
  if (bytes.byteLength > MAX_TENANT_FILE_BYTES) {
    return fail(file, `is ${bytes.byteLength} bytes; a tenant file is at most ${MAX_TENANT_FILE_BYTES} bytes`);
  }
  const text = decodeText(bytes);
  if (text === undefined) {
    return fail(file, "is not a UTF-8 text file (it holds binary data); a tenant file is YAML text");
  }

  const loneCarriageReturn = /\r(?!\n)/.exec(text);
  if (loneCarriageReturn) {
    const line = text.slice(0, loneCarriageReturn.index).split("\n").length;
    const column = loneCarriageReturn.index - text.lastIndexOf("\n", loneCarriageReturn.index - 1);
    return {
      ok: false,
      issues: [{ file, line, column, path: "", message: "ends a line with a carriage return alone (CR, classic Mac OS line endings), which the YAML reader does not take as a line break; save it with LF line endings" }],
    };
  }

  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, strict: true, prettyErrors: false, version: "1.2" });
  const all = Array.isArray(docs) ? docs : [];
  if (all.length === 0 || all[0]!.contents === null) {
    return fail(file, "is empty; a tenant file is a mapping with the sections aws, network and edge (see samples/example.yaml)");
  }
  if (all.length > 1) {
    const second = lines.linePos(all[1]!.range[0]);
    return { ok: false, issues: [{ file, line: second.line, column: second.col, path: "", message: "holds more than one YAML document (---); a tenant file is exactly one" }] };
  }
  const doc = all[0]!;
  const errors = [...doc.errors, ...doc.warnings];
  // The parser reports nesting deeper than it can follow as a stack overflow at each level.
  const overflow = errors.find((error) => error.message.includes("Maximum call stack size exceeded"));
  if (overflow) return { ok: false, issues: [{ ...yamlIssue(file, text, lines, overflow), message: TOO_DEEP }] };
  const syntax = errors.map((error) => yamlIssue(file, text, lines, error));
  if (syntax.length > 0) return { ok: false, issues: syntax };

  if (!isMap(doc.contents)) {
    return { ok: false, issues: [issueAt(file, doc, lines, [], "the file must be a mapping (key: value lines) with the sections aws, network and edge")] };
  }
  const shapes = unusualShapes(doc);
  if (shapes.tooDeep) {
    const { line, col } = lines.linePos(shapes.tooDeep.offset);
    return { ok: false, issues: [{ file, line, column: col, path: "", message: TOO_DEEP }] };
  }
  if (shapes.badKeys.length > 0 || shapes.foreignTags.length > 0) {
    const tagIssues = shapes.foreignTags.map((found) => {
      // The node's range starts after its tag; point at the tag itself.
      const tagAt = text.lastIndexOf(found.tag, found.offset);
      const { line, col } = lines.linePos(tagAt >= 0 ? tagAt : found.offset);
      return { file, line, column: col, offset: found.offset, path: formatPath(found.path), message: `YAML: custom YAML tags such as ${found.tag} are not allowed in tenant files` };
    });
    const keyIssues = shapes.badKeys.map((found) => {
      const { line, col } = lines.linePos(found.offset);
      return { file, line, column: col, offset: found.offset, path: formatPath(found.path), message: found.message };
    });
    return { ok: false, issues: [...tagIssues, ...keyIssues].sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...issue }) => issue) };
  }
  if (shapes.mergeKeys.length > 0) {
    return {
      ok: false,
      issues: shapes.mergeKeys.map((merge) => {
        const { line, col } = lines.linePos(merge.offset);
        return {
          file, line, column: col, path: formatPath(merge.path),
          message: "YAML merge keys (<<) are not supported: YAML 1.2 has none, and a tenant file states each value where it applies; write the keys out in this mapping instead",
        };
      }),
    };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    const at = firstAliasPosition(doc, lines);
    return {
      ok: false,
      issues: [{ file, line: at.line, column: at.column, path: "", message: `aliases expand too far (${(error as Error).message.replace(/\.$/, "")}); write the values out instead` }],
    };
  }

  const preset = applyPreset(data);
  const parsed = tenantSchema.safeParse(preset.data, { error: (issue) => messageFor(issue) });
  if (!parsed.success) {
    return { ok: false, issues: withoutSuperseded(parsed.error.issues).flatMap((issue) => zodIssues(file, doc, lines, issue, preset)) };
  }
  const spec: TenantSpec = { ...parsed.data, id: tenantIdOf(file) };
  return { ok: true, tenant: { spec, file, positionOf: (keyPath) => locate(doc, lines, keyPath) } };
}

/**
 * One message for one problem: a value that fails a basic check of the schema (a pattern, the
 * safe-integer bound) often fails a later, more specific check too (the zones of the region, the
 * section's own bound, the versions the engine has). The schema checks a value before the rules
 * that see the whole file, so a basic check's message is dropped when a later message names the
 * same key path. Messages of the rules (custom) and unknown keys are all kept.
 */
function withoutSuperseded<T extends { code: string; path: PropertyKey[] }>(issues: readonly T[]): T[] {
  const pathOf = (issue: T) => JSON.stringify(issue.path);
  return issues.filter((issue, index) => {
    if (issue.code === "custom" || issue.code === "unrecognized_keys") return true;
    return !issues.slice(index + 1).some((later) => later.code !== "unrecognized_keys" && pathOf(later) === pathOf(issue));
  });
}

/** Why the name of `file` cannot be a tenant file's (`<id>.yaml`), or undefined. */
export function tenantFileNameProblem(file: string): string | undefined {
  const id = tenantIdOf(file);
  if (path.extname(file) !== ".yaml") return `tenant files end in .yaml (the file name is the tenant id); rename it to ${id}.yaml`;
  if (!TENANT_ID.test(id)) {
    return `"${id}" is not a valid tenant id: the file name must be 3–28 lowercase letters, digits or single hyphens, starting with a letter and not ending with a hyphen`;
  }
  return reservedTenantIdProblem(id);
}

/** Strict UTF-8 decoding without a byte-order mark; undefined for binary content. */
function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

const TOO_DEEP = `YAML: nests deeper than a tenant file can (at most ${MAX_NESTING} levels of mappings and lists); a section holds keys, lists and small mappings`;

function fail(file: string, message: string): LoadResult {
  return { ok: false, issues: [{ file, line: 1, column: 1, path: "", message }] };
}

function issueAt(file: string, doc: Document, lines: LineCounter, keyPath: readonly PropertyKey[], message: string): SpecIssue {
  const at = locate(doc, lines, keyPath);
  return { file, line: at.line, column: at.column, path: formatPath(keyPath), message };
}

/** Rewordings of the YAML errors a hand-edited file most often has; others keep the parser's words. */
const YAML_MESSAGES: Partial<Record<YAMLError["code"], (source: string) => string>> = {
  DUPLICATE_KEY: (source) => `key "${source}" appears twice in the same mapping; keep one`,
  TAB_AS_INDENT: () => "tabs cannot indent YAML; indent with spaces",
  TAG_RESOLVE_FAILED: (source) => `custom YAML tags such as ${source} are not allowed in tenant files`,
};

function yamlIssue(file: string, text: string, lines: LineCounter, error: YAMLError): SpecIssue {
  const { line, col } = lines.linePos(error.pos[0]);
  const lineText = text.slice(error.pos[0]).split("\n")[0] ?? "";
  const source = (/^[^:\s]+/.exec(lineText) ?? [lineText])[0];
  const reword = YAML_MESSAGES[error.code];
  const message = reword ? `YAML: ${reword(source)}` : `YAML syntax: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`;
  return { file, line, column: col, path: "", message };
}

function firstAliasPosition(doc: Document, lines: LineCounter): Position {
  let found: Position | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) {
        const { line, col } = lines.linePos(node.range[0]);
        found = { line, column: col };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found ?? { line: 1, column: 1 };
}

function zodIssues(file: string, doc: Document, lines: LineCounter, issue: { code: string; path: PropertyKey[]; message: string; keys?: string[] }, preset: PresetApplied): SpecIssue[] {
  if (issue.code === "unrecognized_keys" && issue.keys) {
    const allowed = allowedKeysAt(tenantSchema, issue.path);
    return issue.keys.map((key) => {
      const at = locateKey(doc, lines, issue.path, key);
      const imitated = lookAlikeOf(key, allowed);
      if (imitated) {
        return {
          file,
          line: at.line,
          column: at.column,
          path: formatPath([...issue.path, key]),
          message: `unknown key "${key}": it looks like "${imitated.key}" but holds ${imitated.characters.join(", ")} instead of plain letters; type the key again`,
        };
      }
      const guess = closestKey(key, allowed);
      const hint = guess ? `did you mean "${guess}"? ` : "";
      return {
        file,
        line: at.line,
        column: at.column,
        path: formatPath([...issue.path, key]),
        message: `unknown key "${key}"; ${hint}allowed keys here: ${allowed.join(", ")}`,
      };
    });
  }
  // "put it in quotes": quote what was written (8.0), not what YAML made of it (8).
  const written = issue.message.includes("put it in quotes") ? sourceText(doc, issue.path) : undefined;
  const message = written ? issue.message.replace(/"[^"]*"$/, `"${written}"`).replace(/YAML read \S+ as/, `YAML read ${written} as`) : issue.message;
  return [issueAt(file, doc, lines, issue.path, message + presetNote(issue.path, preset))];
}

/**
 * What the preset contributed to a refused value: the value itself, or the preset's values next to
 * it (a rule comparing min with the preset's max), so the reader knows where they came from.
 */
function presetNote(path: readonly PropertyKey[], preset: PresetApplied): string {
  if (!preset.preset || path.length === 0) return "";
  if (preset.fromPreset(path)) {
    return ` (the value comes from preset ${preset.preset}; set ${formatPath(path)} in the file to override it)`;
  }
  const siblings = preset.filledUnder(path.slice(0, -1));
  if (siblings.length === 0) return "";
  const listed = siblings.map(([at, value]) => `${at}: ${JSON.stringify(value)}`).join(", ");
  return ` (preset ${preset.preset} sets ${listed}; write ${siblings.length === 1 ? "it" : "them"} in the file to override)`;
}
