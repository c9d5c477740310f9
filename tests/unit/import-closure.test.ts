/**
 * The tenant-file schema and the policy pack load without the cloud SDKs. The CLI tools that only
 * validate tenant files load the schema, and `pulumi preview --policy-pack policies` type-checks
 * the pack's whole import closure on every start (@pulumi/pulumi's cmd/run-policy-pack registers
 * ts-node with `typeCheck: true`), type-only imports included: a type imported from a component
 * file makes it read @pulumi/aws's declarations. So both closures, following every form of import,
 * reach only small modules: component defaults and constants, never a component's barrel or file.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { readImports, sourceFiles } from "../helpers/import-graph";

const ROOT = path.resolve(__dirname, "../..");

/** Packages that take seconds to load or type-check: the cloud SDKs, the compiler, database drivers, the tools' own. */
const HEAVY = ["@pulumi/aws", "@pulumi/cloudflare", "@pulumi/random", "@pulumi/tls", "@aws-sdk/", "typescript", "ts-node", "tsx", "pg", "mysql2", "@electric-sql/pglite", "vitest"];
/** The tenant-file schema runs without Pulumi at all; the pack runs under it. */
const HEAVY_FOR_SCHEMA = [...HEAVY, "@pulumi/pulumi", "@pulumi/policy"];

/** The package a bare specifier names (`@scope/name` or `name`), undefined for a relative path. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const isHeavy = (pkg: string, heavy: readonly string[]) => heavy.some((name) => (name.endsWith("/") ? pkg.startsWith(name) : pkg === name));

/**
 * The files reachable from `starts` through relative imports of any kind (type-only and
 * re-exports included), breadth first, and for each package one of them imports, the shortest
 * chain of files to it: `a.ts -> b.ts -> c.ts imports pkg`.
 */
export function packageChains(root: string, starts: readonly string[]): { files: string[]; chains: Map<string, string> } {
  const parent = new Map<string, string | undefined>(starts.map((file) => [file, undefined]));
  const chainTo = (file: string): string[] => {
    const up = parent.get(file);
    return up === undefined ? [file] : [...chainTo(up), file];
  };
  const chains = new Map<string, string>();
  const queue = [...starts];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!file.endsWith(".ts")) continue;
    const scan = ts.preProcessFile(readFileSync(path.join(root, file), "utf8"), true, true);
    for (const specifier of [...scan.importedFiles, ...scan.typeReferenceDirectives].map((ref) => ref.fileName)) {
      const pkg = packageOf(specifier);
      if (pkg && !chains.has(pkg)) chains.set(pkg, `${chainTo(file).join(" -> ")} imports ${specifier}`);
    }
    for (const { to } of readImports(root, [file]).edges) {
      if (parent.has(to)) continue;
      parent.set(to, file);
      queue.push(to);
    }
  }
  return { files: [...parent.keys()], chains };
}

/** The chains to each heavy package the closure of `starts` reaches, sorted. */
export function heavyChains(root: string, starts: readonly string[], heavy: readonly string[]): string[] {
  return [...packageChains(root, starts).chains].filter(([pkg]) => isHeavy(pkg, heavy)).map(([, chain]) => chain).sort();
}

describe("the import closures of the tenant-file schema and the policy pack", () => {
  it("follow every form of import and name the chain of files to a heavy package", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "import-closure-"));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write("start.ts", 'export * from "./barrel";\nimport type { T } from "./typed";\nexport type Q = import("./queried").Q;\n');
    write("barrel/index.ts", 'export { x } from "./leaf";\n');
    write("barrel/leaf.ts", 'import * as aws from "@pulumi/aws";\nexport const x = 1;\n');
    write("typed.ts", 'import type * as pg from "pg";\nexport type T = pg.Client;\n');
    write("queried.ts", 'export type Q = import("@pulumi/cloudflare").Zone;\n');
    write("light.ts", 'import { z } from "zod";\nimport * as fs from "node:fs";\n');
    const chain = (files: string[], pkg: string) => `${files.map((file) => path.normalize(file)).join(" -> ")} imports ${pkg}`;
    expect(heavyChains(root, ["start.ts"], HEAVY)).toEqual([
      chain(["start.ts", "barrel/index.ts", "barrel/leaf.ts"], "@pulumi/aws"),
      chain(["start.ts", "queried.ts"], "@pulumi/cloudflare"),
      chain(["start.ts", "typed.ts"], "pg"),
    ]);
    expect(heavyChains(root, ["light.ts"], HEAVY)).toEqual([]);
  });

  it("are read from the real files", () => {
    const { files, chains } = packageChains(ROOT, [path.join("policies", "index.ts")]);
    expect(files).toContain(path.join("tenant-schema", "tenant-schema.ts"));
    expect(chains.has("@pulumi/policy")).toBe(true);
  });

  it("of every tenant-schema file reach neither Pulumi nor a cloud SDK", () => {
    expect(heavyChains(ROOT, sourceFiles(ROOT, ["tenant-schema"]), HEAVY_FOR_SCHEMA)).toEqual([]);
  });

  it("of the policy pack reach no cloud SDK", () => {
    expect(heavyChains(ROOT, [path.join("policies", "index.ts")], HEAVY)).toEqual([]);
  });
});
