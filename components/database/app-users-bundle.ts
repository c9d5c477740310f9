/**
 * The application-users function's deployment package: `index.js` (app-users-function as
 * CommonJS: the compiled `.js` beside this file in the built components package, or transpiled
 * from the `.ts` source with the project's TypeScript compiler when the program runs from source),
 * and the database drivers it imports with everything they depend on, copied from node_modules
 * (Lambda's Node.js runtimes include only the AWS SDK:
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-package.html). The drivers are dependencies
 * of the components package, so a program that installs it has them.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as TypeScript from "typescript";

/** The packages the function imports. */
export const FUNCTION_PACKAGES = ["pg", "mysql2"] as const;

const SOURCE = join(__dirname, "app-users-function.ts");
const COMPILED = join(__dirname, "app-users-function.js");

/** The last source transpiled and its output: a process that plans many tenants transpiles the same source once. */
let transpiled: { source: string; output: string } | undefined;

/** The function's code as CommonJS (ES2022, which the function's Node.js 24 runtime runs) for `index.handler`. */
export function functionCode(): string {
  // The built package (dist/) holds the compiled function and no TypeScript sources.
  if (!existsSync(SOURCE) && existsSync(COMPILED)) return readFileSync(COMPILED, "utf8");
  const source = readFileSync(SOURCE, "utf8");
  if (transpiled?.source !== source) {
    // From source: the compiler is loaded only here, not by every program that imports the components.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof TypeScript;
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: "index.ts",
    }).outputText;
    transpiled = { source, output };
  }
  return transpiled.output;
}

/** The folder of an installed package, looked up the way Node.js resolves it from `from`. */
function packageFolder(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) throw new Error(`app users function: package ${name} is not installed (run npm ci)`);
  }
}

/** Every package the function needs, with its folder and version: the imports and their dependencies, transitively. */
export function packageClosure(roots: readonly string[] = FUNCTION_PACKAGES, from = __dirname): Map<string, { folder: string; version: string }> {
  const found = new Map<string, { folder: string; version: string }>();
  const visit = (name: string, origin: string) => {
    if (found.has(name)) return;
    const folder = packageFolder(name, origin);
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { version: string; dependencies?: Record<string, string> };
    found.set(name, { folder, version: manifest.version });
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, folder);
  };
  roots.forEach((root) => visit(root, from));
  return found;
}

/** The package: index.js plus node_modules/<package> for each package of the closure. */
export function functionArchive(): { archive: pulumi.asset.AssetArchive; digest: string } {
  const code = functionCode();
  const packages = [...packageClosure()].sort(([a], [b]) => a.localeCompare(b));
  const entries: Record<string, pulumi.asset.Asset | pulumi.asset.Archive> = { "index.js": new pulumi.asset.StringAsset(code) };
  // Paths relative to the working directory (the project's root for `pulumi up` and the plan), so plans stay comparable between checkouts.
  for (const [name, { folder }] of packages) entries[`node_modules/${name}`] = new pulumi.asset.FileArchive(relative(process.cwd(), folder));
  const digest = createHash("sha256").update(code).update(packages.map(([name, { version }]) => `${name}@${version}`).join("\n")).digest("hex");
  return { archive: new pulumi.asset.AssetArchive(entries), digest };
}
