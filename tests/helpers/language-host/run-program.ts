/**
 * Runs the project's Pulumi program as `pulumi preview` would, without the CLI: the project
 * file read the CLI's way, the real `@pulumi/pulumi/cmd/run` started the way the Node.js
 * language host starts it (`execRuntime` and `constructArguments` in pulumi/pulumi
 * `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`: the same arguments, `--pwd` and entry point
 * from `getPwdMain`, PULUMI_CONFIG and the runtime options in the environment, and no working
 * directory of its own), connected over gRPC to a fake engine answered by the offline plan's
 * mocks. Prints one JSON line: exit code, engine log, registrations and stack outputs.
 *
 * Usage: tsx tests/helpers/language-host/run-program.ts <project root> <stack>
 * `--organization` is the one a self-managed (DIY) backend always sends: "organization"
 * (pulumi/pulumi pkg/backend/diy/state.go; the host passes it on, main.go `maybeAppendArg`).
 * Not reproduced: the `--sync` pipes for synchronous invokes (the program makes none).
 */
import { execFileSync, spawn } from "node:child_process";
import * as os from "node:os";
import * as pulumi from "@pulumi/pulumi";
import { offlineMocks } from "../../../tools/plan/offline-mocks";
import { RecordingMonitor } from "../../../tools/plan/recording-monitor";
import { Refusals } from "../../../tools/plan/refusals";
import { startFakeEngine } from "./fake-engine";
import { cliEnvironment, locateModule } from "./host-process";
import { pwdAndMain, readProjectFile, runtimeEnvironment, stackConfig } from "./project-file";

/** The organization a self-managed backend names every stack's (pulumi pkg/backend/diy/state.go). */
const DIY_ORGANIZATION = "organization";

async function main(): Promise<void> {
  const [root, stack] = process.argv.slice(2);
  if (!root || !stack) throw new Error("usage: run-program.ts <project root> <stack>");
  const project = readProjectFile(root, "Pulumi.yaml");
  const { pwd, main: entry } = pwdAndMain(root, project.main);

  // What the engine or a provider would refuse (a duplicate URN, a name its type refuses).
  const refusals = new Refusals();
  const monitor = new RecordingMonitor(offlineMocks(refusals), refusals);
  // The recording monitor forms URNs from the project and stack, as the engine does.
  pulumi.runtime.setMockOptions(monitor, project.name, stack, true);
  const engine = await startFakeEngine(monitor);

  const runPath = locateModule("@pulumi/pulumi/cmd/run", pwd);
  const args = [
    runPath,
    "--monitor", engine.monitorAddress,
    "--engine", engine.engineAddress,
    "--project", project.name ?? "",
    "--organization", DIY_ORGANIZATION,
    "--root-directory", root,
    "--stack", stack,
    "--pwd", pwd,
    "--dry-run",
    "--parallel", "16",
    entry,
  ];
  const env = {
    ...cliEnvironment(),
    PULUMI_CONFIG: JSON.stringify(stackConfig(project, stack)),
    PULUMI_CONFIG_SECRET_KEYS: "[]",
    ...runtimeEnvironment(project),
  };
  const child = spawn(process.execPath, args, { cwd: os.tmpdir(), env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  engine.stop();
  const typescript = execFileSync(process.execPath, ["-e", "console.log(require('typescript').version)"], { cwd: pwd, encoding: "utf8" }).trim();
  process.stdout.write(
    JSON.stringify({
      exitCode,
      pwd,
      entry,
      typescript,
      refusals: refusals.list(),
      errors: engine.logs.filter((entry) => entry.severity === "error").map((entry) => entry.message),
      warnings: engine.logs.filter((entry) => entry.severity === "warning").map((entry) => entry.message),
      resources: monitor.registrations.length,
      providers: [...new Set(monitor.registrations.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => r.type))].sort(),
      outputs: Object.keys(monitor.stackOutputs).sort(),
      stdout,
      stderr,
    }) + "\n",
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`run-program: ${(error as Error).message}\n`);
  process.exit(2);
});
