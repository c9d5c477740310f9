// Loads the project's Pulumi program the way the Node.js language host does for `pulumi up`
// (@pulumi/pulumi cmd/run: ts-node registered with the project's tsconfig and the same compiler
// options, entry point from Pulumi.yaml `main`), then runs it under mocks. Prints a JSON summary.
// Usage: node pulumi-language-host.cjs <project root> <stack>
"use strict";
const path = require("path");
const fs = require("fs");

const [root, stack] = process.argv.slice(2);
process.chdir(root);
const fromRoot = (name) => require(require.resolve(name, { paths: [root] }));

const tsutils = fromRoot("@pulumi/pulumi/tsutils");
const compilerOptions = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
fromRoot(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly: compilerOptions.noCheck,
  project: "tsconfig.json",
  skipProject: false,
  compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...compilerOptions },
});

const pulumi = fromRoot("@pulumi/pulumi");
pulumi.runtime.setAllConfig({ "tenant-platform:tenantsDir": "tenants" }, []);
// The offline plan's own fixture answers the invokes and invents computed attributes (loaded
// through the ts-node registered above, as the program itself is).
const { mockInvoke, mockResourceState } = require(path.resolve(root, "stacks/plan/mock-fixtures.ts"));
let resources = 0;
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      resources++;
      return mockResourceState(args.type, args.name, args.inputs, "eu-central-1");
    },
    call: (args) => mockInvoke(args.token, args.inputs, "eu-central-1"),
  },
  "tenant-platform",
  stack,
  false,
);

// As the host does: a RunError is reported by its message alone, once; anything else in full.
const reported = new Set();
const uncaught = (error) => {
  if (reported.has(error)) return;
  reported.add(error);
  console.error(pulumi.RunError.isInstance(error) ? error.message : `unhandled exception: ${error.stack}`);
  process.exitCode = 1;
};
process.on("uncaughtException", uncaught);
process.on("unhandledRejection", uncaught);

const main = fromRoot("yaml").parse(fs.readFileSync("Pulumi.yaml", "utf8")).main;
const program = require(path.resolve(root, main));
pulumi.runtime.runInPulumiStack(program).then(
  (outputs) => {
    setTimeout(() => {
      const typescript = require(typescriptRequire);
      console.log(JSON.stringify({ typescript: typescript.version, tsNode: fromRoot(tsnodeRequire).VERSION, resources, outputs: Object.keys(outputs || {}).sort() }));
    }, 200);
  },
  uncaught,
);
