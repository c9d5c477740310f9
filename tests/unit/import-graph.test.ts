/**
 * The layers of the repository, checked on its import graph: components know nothing of tenant
 * files; the tenant-file schema knows only components; the Pulumi program (what `pulumi up`
 * loads) never imports a tool or a policy; policies never import a tool or the program; tools use
 * everything below them. Between the folders that hold one job each (every `components/<x>`,
 * every `tools/<x>`, and `tenant-schema`, `program`, `policies` as wholes) there is no cycle.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { cyclesOf, readImports, sourceFiles, type ImportEdge } from "../helpers/import-graph";

const ROOT = path.resolve(__dirname, "../..");
const LAYERS = ["components", "tenant-schema", "program", "policies", "tools"] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import besides itself. */
const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  components: [],
  "tenant-schema": ["components"],
  program: ["components", "tenant-schema"],
  policies: ["components", "tenant-schema"],
  tools: ["components", "tenant-schema", "program", "policies"],
};

const layerOf = (file: string): Layer => file.split(path.sep)[0] as Layer;

/** The folder with one job a file belongs to: `components/<x>` and `tools/<x>` apart, the other layers whole. */
function unitOf(file: string): string {
  const parts = file.split(path.sep);
  return (parts[0] === "components" || parts[0] === "tools") && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Imports that cross the layers downwards only; each offending edge as `from -> to`. */
export function layerViolations(edges: readonly ImportEdge[]): string[] {
  return edges.filter(({ from, to }) => layerOf(from) !== layerOf(to) && !MAY_IMPORT[layerOf(from)].includes(layerOf(to))).map(({ from, to }) => `${from} -> ${to}`);
}

/** The cycles between units, each with the imports that close it. */
export function unitCycles(edges: readonly ImportEdge[]): string[] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const [a, b] = [unitOf(from), unitOf(to)];
    if (a === b) continue;
    graph.set(a, (graph.get(a) ?? new Set()).add(b));
  }
  return cyclesOf(graph).map((cycle) => {
    const inCycle = new Set(cycle);
    const links = edges.filter(({ from, to }) => unitOf(from) !== unitOf(to) && inCycle.has(unitOf(from)) && inCycle.has(unitOf(to)));
    return `${cycle.join(" <-> ")}: ${links.map(({ from, to }) => `${from} -> ${to}`).join(", ")}`;
  });
}

describe("the import graph", () => {
  const { edges, unresolved } = readImports(ROOT, sourceFiles(ROOT, LAYERS));

  it("is read from the real files", () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: path.join("program", "index.ts"), to: path.join("program", "program.ts") });
  });

  it("resolves every relative import to a file", () => {
    expect(unresolved).toEqual([]);
  });

  it("sees every form of import: static, type-only, re-export, require, dynamic, JSON and folder", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "import-graph-"));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    for (const name of ["a", "b", "c", "d", "e"]) write(`tools/${name}.ts`, "export const x = 1;\n");
    write("tools/data.json", "{}");
    write("tools/folder/index.ts", "export const y = 2;\n");
    write("program/uses.ts", [
      'import { x } from "../tools/a";',
      'import type { x as T } from "../tools/b";',
      'export * from "../tools/c";',
      'const d = require("../tools/d");',
      'const e = import("../tools/e");',
      'import data from "../tools/data.json";',
      'import { y } from "../tools/folder";',
      'import { z } from "../tools/missing";',
      'import * as pulumi from "@pulumi/pulumi";',
    ].join("\n"));
    const read = readImports(root, ["program/uses.ts"]);
    expect(read.edges.map((edge) => edge.to).sort()).toEqual(["a.ts", "b.ts", "c.ts", "d.ts", "data.json", "e.ts", path.join("folder", "index.ts")].map((file) => path.join("tools", file)).sort());
    expect(layerViolations(read.edges)).toHaveLength(7);
    expect(read.unresolved).toEqual(["program/uses.ts: ../tools/missing"]);
  });

  it("points only down the layers", () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it("has no cycle between folders", () => {
    expect(unitCycles(edges)).toEqual([]);
  });

  it("finds an import up the layers and a cycle between folders", () => {
    const up = { from: path.join("program", "program.ts"), to: path.join("tools", "plan", "run-plan.ts") };
    expect(layerViolations([up])).toEqual([`${up.from} -> ${up.to}`]);
    const back = { from: path.join("tools", "plan", "plan-graph.ts"), to: path.join("tools", "fleet", "report.ts") };
    const forth = { from: path.join("tools", "fleet", "report.ts"), to: path.join("tools", "plan", "plan-graph.ts") };
    expect(unitCycles([back, forth])).toEqual([`tools/fleet <-> tools/plan: ${back.from} -> ${back.to}, ${forth.from} -> ${forth.to}`]);
  });
});
