/**
 * The import closure of files of the repository: the files they reach and the packages those
 * import, with the chain of files to each, to tell which start loads (or type-checks) a package.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { moduleSpecifiers, readImports } from "./import-graph";

/** The package a bare specifier names (`@scope/name` or `name`), undefined for a relative path. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** True when `pkg` is one of `heavy` (a name ending in "/" stands for a scope). */
const isHeavy = (pkg: string, heavy: readonly string[]) => heavy.some((name) => (name.endsWith("/") ? pkg.startsWith(name) : pkg === name));

/**
 * True when `specifier` names one file inside a package (not its entry) whose JavaScript and
 * declarations import nothing, such as @pulumi/aws's generated enum lists: loading or
 * type-checking it reads no more of the package.
 */
function selfContained(root: string, specifier: string): boolean {
  if (specifier === packageOf(specifier)) return false;
  let js: string;
  try {
    js = require.resolve(specifier, { paths: [root] });
  } catch {
    return false;
  }
  const importsNothing = (file: string) => {
    const text = readFileSync(file, "utf8");
    return moduleSpecifiers(file, text).length === 0 && ts.preProcessFile(text, true, true).referencedFiles.length === 0;
  };
  return [js, js.replace(/\.js$/, ".d.ts")].every((file) => existsSync(file) && importsNothing(file));
}

/** One import of a package, with the shortest chain of files from a start to the file that imports it. */
interface PackageImport {
  readonly specifier: string;
  readonly chain: readonly string[];
}

/**
 * The files reachable from `starts` through relative imports of any kind (type-only and
 * re-exports included), breadth first, and every package import among them, each with the
 * shortest chain of files to it. With `loadedAtStart` (default false), through the imports loaded
 * with a file only: what loading `starts` loads (see `moduleSpecifiers`).
 */
export function importClosure(root: string, starts: readonly string[], loadedAtStart = false): { files: string[]; packages: PackageImport[] } {
  const parent = new Map<string, string | undefined>(starts.map((file) => [file, undefined]));
  const chainTo = (file: string): string[] => {
    const up = parent.get(file);
    return up === undefined ? [file] : [...chainTo(up), file];
  };
  const packages: PackageImport[] = [];
  const queue = [...starts];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!file.endsWith(".ts")) continue;
    for (const specifier of moduleSpecifiers(file, readFileSync(path.join(root, file), "utf8"), loadedAtStart)) {
      if (packageOf(specifier)) packages.push({ specifier, chain: chainTo(file) });
    }
    const { edges, unresolved } = readImports(root, [file], loadedAtStart);
    // An import that names no file would hide what it should have led to.
    if (unresolved.length > 0) throw new Error(`imports that name no file: ${unresolved.join(", ")}`);
    for (const { to } of edges) {
      if (parent.has(to)) continue;
      parent.set(to, file);
      queue.push(to);
    }
  }
  return { files: [...parent.keys()], packages };
}

/**
 * For each heavy package the closure of `starts` loads, the shortest chain to it:
 * `a.ts -> b.ts -> c.ts imports pkg` (a self-contained file of a package does not count).
 * `loadedAtStart` as for {@link importClosure}.
 */
export function heavyChains(root: string, starts: readonly string[], heavy: readonly string[], loadedAtStart = false): string[] {
  const first = new Map<string, string>();
  for (const { specifier, chain } of importClosure(root, starts, loadedAtStart).packages) {
    const pkg = packageOf(specifier)!;
    if (first.has(pkg) || !isHeavy(pkg, heavy) || selfContained(root, specifier)) continue;
    first.set(pkg, `${chain.join(" -> ")} imports ${specifier}`);
  }
  return [...first.values()].sort();
}

/** A fresh folder in the temporary directory to lay out files in, and how to write one (folders made as needed). */
export function scratchFolder(prefix: string): { root: string; write: (file: string, text: string) => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  return { root, write };
}
