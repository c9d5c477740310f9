/**
 * The repository's import graph between its own TypeScript files, read with TypeScript's
 * `preProcessFile` (the compiler's own scan of import, export-from, require and dynamic import).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/** One import of one repository file by another, both relative to the root. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

/** Every `.ts` file under the given top-level folders of `root` (node_modules skipped). */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      if (entry === "node_modules") return [];
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? walk(full) : full.endsWith(".ts") ? [path.relative(root, full)] : [];
    });
  return folders.filter((folder) => existsSync(path.join(root, folder))).flatMap((folder) => walk(path.join(root, folder))).sort();
}

/** The file a relative specifier names, as the Node/TypeScript resolution finds it; undefined for a package. */
function resolveRelative(root: string, importer: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.join(path.dirname(importer), specifier);
  const candidates = [base, `${base}.ts`, path.join(base, "index.ts"), base.replace(/\.js$/, ".ts")];
  const found = candidates.find((candidate) => existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile());
  return found ? path.normalize(found) : undefined;
}

/**
 * True when an import or export declaration loads nothing at run time: `import type`,
 * `export type … from`, or named bindings that are all marked `type` (the TypeScript compiler and
 * esbuild, which tsx runs, drop these without `verbatimModuleSyntax`).
 */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    return node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((element) => element.isTypeOnly));
  }
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((element) => element.isTypeOnly);
}

/**
 * Every module a TypeScript or JavaScript file names, read from its syntax tree: `import` and
 * `export … from` of every form (`export * as ns from`, `export type * from`, type-only),
 * `import x = require()`, `require()` and `import()` calls, `import("…").T` types and
 * `/// <reference types>`. (`ts.preProcessFile` misses `export * as ns from`.) With `loadedAtStart`
 * (default false), only those the file loads when it is loaded: no type-only form, no `import()`
 * (it loads its module later, when it runs).
 */
export function moduleSpecifiers(fileName: string, text: string, loadedAtStart = false): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined): void => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const isImportCall = (node: ts.CallExpression) => node.expression.kind === ts.SyntaxKind.ImportKeyword;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (!(loadedAtStart && typeOnly(node))) literal(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      if (!(loadedAtStart && node.isTypeOnly)) literal(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && (isImportCall(node) || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      if (!(loadedAtStart && isImportCall(node))) literal(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      if (!loadedAtStart) literal(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!loadedAtStart) for (const reference of source.typeReferenceDirectives) found.push(reference.fileName);
  return found;
}

/**
 * The imports between the given files (and the repository files they name), and the relative
 * imports that name no file; with `loadedAtStart`, only those loaded with the file (see
 * {@link moduleSpecifiers}).
 */
export function readImports(root: string, files: readonly string[], loadedAtStart = false): { edges: ImportEdge[]; unresolved: string[] } {
  const edges: ImportEdge[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    for (const fileName of moduleSpecifiers(file, readFileSync(path.join(root, file), "utf8"), loadedAtStart)) {
      if (!fileName.startsWith(".")) continue;
      const to = resolveRelative(root, file, fileName);
      if (to) edges.push({ from: file, to });
      else unresolved.push(`${file}: ${fileName}`);
    }
  }
  return { edges, unresolved };
}

/**
 * The cycles of a directed graph: its strongly connected components with more than one node
 * (Tarjan's algorithm), each sorted.
 */
export function cyclesOf(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}
