/**
 * The tenant-file schema and the policy pack load without the cloud SDKs. The CLI tools that only
 * validate tenant files load the schema, and `pulumi preview --policy-pack policies` type-checks
 * the pack's whole import closure on every start (@pulumi/pulumi's cmd/run-policy-pack registers
 * ts-node with `typeCheck: true`), type-only imports included: a type imported from a component
 * file makes it read @pulumi/aws's declarations. So both closures, following every form of import,
 * reach only small modules: component defaults and constants, never a component's barrel or file.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { heavyChains, importClosure, scratchFolder } from "../helpers/import-closure";
import { sourceFiles } from "../helpers/import-graph";

const ROOT = path.resolve(__dirname, "../..");

/** Packages that take seconds to load or type-check: the cloud SDKs, the compiler, database drivers, the tools' own. */
const HEAVY = ["@pulumi/aws", "@pulumi/cloudflare", "@pulumi/random", "@pulumi/tls", "@aws-sdk/", "typescript", "ts-node", "tsx", "pg", "mysql2", "@electric-sql/pglite", "vitest"];
/** The tenant-file schema runs without Pulumi at all; the pack runs under it. */
const HEAVY_FOR_SCHEMA = [...HEAVY, "@pulumi/pulumi", "@pulumi/policy"];

describe("the import closures of the tenant-file schema and the policy pack", () => {
  it("follow every form of import and name the chain of files to a heavy package", () => {
    const { root, write } = scratchFolder("import-closure-");
    write("start.ts", 'export * from "./barrel";\nimport type { T } from "./typed";\nexport type Q = import("./queried").Q;\nexport * as named from "./namespaced";\n');
    write("namespaced.ts", 'export type * as tls from "@pulumi/tls";\n');
    write("barrel/index.ts", 'export { x } from "./leaf";\n');
    write("barrel/leaf.ts", 'import * as aws from "@pulumi/aws";\nexport const x = 1;\n');
    write("typed.ts", 'import type * as pg from "pg";\nexport type T = pg.Client;\n');
    write("queried.ts", 'export type Q = import("@pulumi/cloudflare").Zone;\n');
    write("light.ts", 'import { z } from "zod";\nimport * as fs from "node:fs";\nimport { InstanceType } from "@pulumi/aws/types/enums/ec2";\n');
    write("deep.ts", 'import { Bucket } from "@pulumi/aws/s3";\n');
    // A package's generated enum list imports nothing; its s3 module loads the rest of the package.
    write("node_modules/@pulumi/aws/types/enums/ec2/index.js", 'exports.InstanceType = { T4gSmall: "t4g.small" };\n');
    write("node_modules/@pulumi/aws/types/enums/ec2/index.d.ts", 'export declare const InstanceType: { readonly T4gSmall: "t4g.small" };\n');
    write("node_modules/@pulumi/aws/s3/index.js", 'const utilities = require("../utilities");\n');
    write("node_modules/@pulumi/aws/s3/index.d.ts", 'export * from "./bucket";\n');
    const chain = (files: string[], specifier: string) => `${files.map((file) => path.normalize(file)).join(" -> ")} imports ${specifier}`;
    expect(heavyChains(root, ["start.ts"], HEAVY)).toEqual([
      chain(["start.ts", "barrel/index.ts", "barrel/leaf.ts"], "@pulumi/aws"),
      chain(["start.ts", "namespaced.ts"], "@pulumi/tls"),
      chain(["start.ts", "queried.ts"], "@pulumi/cloudflare"),
      chain(["start.ts", "typed.ts"], "pg"),
    ]);
    write("dangling.ts", 'export * from "./nowhere";\n');
    expect(() => heavyChains(root, ["dangling.ts"], HEAVY)).toThrow("imports that name no file: dangling.ts: ./nowhere");
    expect(heavyChains(root, ["light.ts"], HEAVY)).toEqual([]);
    expect(heavyChains(root, ["deep.ts"], HEAVY)).toEqual([chain(["deep.ts"], "@pulumi/aws/s3")]);
  });

  it("are read from the real files", () => {
    const { files, packages } = importClosure(ROOT, [path.join("policies", "index.ts")]);
    expect(files).toContain(path.join("tenant-schema", "tenant-schema.ts"));
    expect(packages.map((found) => found.specifier)).toContain("@pulumi/policy");
  });

  it("of every tenant-schema file reach neither Pulumi nor a cloud SDK", () => {
    expect(heavyChains(ROOT, sourceFiles(ROOT, ["tenant-schema"]), HEAVY_FOR_SCHEMA)).toEqual([]);
  });

  it("of the policy pack reach no cloud SDK", () => {
    expect(heavyChains(ROOT, [path.join("policies", "index.ts")], HEAVY)).toEqual([]);
  });
});
