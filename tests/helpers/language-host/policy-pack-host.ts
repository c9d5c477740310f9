/**
 * Starts the project's CrossGuard pack as `pulumi preview --policy-pack <dir>` does, without the
 * CLI: the pack's program directory from `getPwdMain` over PulumiPolicy.yaml, the real
 * `@pulumi/pulumi/cmd/run-policy-pack` located from there and started as the Node.js language
 * host's `RunPlugin` starts an analyzer (pulumi/pulumi
 * `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`: arguments `<engine address> <program
 * directory>`, working directory the pack's folder, the stack's configuration, project, stack
 * and dry-run in PULUMI_CONFIG / PULUMI_NODEJS_* as its policy proxy sets them), then talks to it
 * over gRPC as the engine does (GetAnalyzerInfo, AnalyzeStack).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { grpc, analyzerGrpc, analyzerProto, structProto, emptyProto } from "./sdk-modules";
import type { PlannedResource, TenantPlan } from "../../../policies/plan-types";
import { cliEnvironment, locateModule } from "./host-process";
import { pwdAndMain, readProjectFile, runtimeEnvironment } from "./project-file";


/** The stack the pack analyses. */
export interface StackContext {
  readonly project: string;
  readonly stack: string;
  /** The stack's configuration (`<project>:<key>` -> value), as the CLI holds it. */
  readonly config: Record<string, string>;
}

/** One diagnostic the pack reported. */
export interface PackDiagnostic {
  readonly policy: string;
  readonly urn: string;
  readonly message: string;
  readonly mandatory: boolean;
}

export interface RunningPack {
  /** Names of the pack's policies (GetAnalyzerInfo). */
  policies(): Promise<string[]>;
  /**
   * AnalyzeStack over the plan's custom resources as the engine sends them in a preview: inputs
   * as properties, options, parent, provider, and the property dependencies the program reported.
   */
  analyzeStack(plan: TenantPlan): Promise<PackDiagnostic[]>;
  /**
   * Analyze, once per custom resource, as the engine calls it for each resource of a preview
   * (the only call that runs resource rules).
   */
  analyzeEach(plan: TenantPlan): Promise<PackDiagnostic[]>;
  /** What the pack printed on stderr so far. */
  stderr(): string;
  stop(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated gRPC client
type AnalyzerClient = any;

function unary<T>(client: AnalyzerClient, method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));
}

const MANDATORY = 1; // pulumirpc.EnforcementLevel.MANDATORY

interface DiagnosticsResponse {
  getDiagnosticsList(): { getPolicyname(): string; getUrn(): string; getMessage(): string; getEnforcementlevel(): number }[];
}

function diagnosticsOf(response: DiagnosticsResponse): PackDiagnostic[] {
  return response.getDiagnosticsList().map((diagnostic) => ({
    policy: diagnostic.getPolicyname(),
    urn: diagnostic.getUrn(),
    message: diagnostic.getMessage(),
    mandatory: diagnostic.getEnforcementlevel() === MANDATORY,
  }));
}

/** The plan's custom resources (providers aside), as the engine analyses them. */
function customResources(plan: TenantPlan): PlannedResource[] {
  return plan.resources.filter((resource) => resource.custom && !resource.type.startsWith("pulumi:providers:"));
}

/** Fills an AnalyzerResource or AnalyzeRequest (same fields) with a planned resource as the engine sends it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated protobuf messages
function describeResource<T>(message: T & Record<string, any>, resource: PlannedResource, plan: TenantPlan): T {
  const properties = (planned: PlannedResource) => structProto.Struct.fromJavaScript(JSON.parse(JSON.stringify(planned.inputs)));
  message.setType(resource.type);
  message.setUrn(resource.urn);
  message.setName(resource.name);
  message.setProperties(properties(resource));
  const options = new analyzerProto.AnalyzerResourceOptions();
  options.setProtect(resource.options.protect);
  options.setIgnorechangesList(resource.options.ignoreChanges);
  options.setDeletebeforereplace(resource.options.deleteBeforeReplace);
  message.setOptions(options);
  const provider = resource.provider ? plan.resources.find((candidate) => candidate.urn === resource.provider) : undefined;
  if (provider) {
    const analyzedProvider = new analyzerProto.AnalyzerProviderResource();
    analyzedProvider.setType(provider.type);
    analyzedProvider.setUrn(provider.urn);
    analyzedProvider.setName(provider.name);
    analyzedProvider.setProperties(properties(provider));
    message.setProvider(analyzedProvider);
  }
  if (typeof message.setParent === "function" && resource.parent) message.setParent(resource.parent);
  if (typeof message.getPropertydependenciesMap === "function") {
    const dependencies = message.getPropertydependenciesMap();
    for (const [property, urns] of Object.entries(plan.propertyDependencies[resource.urn] ?? {})) {
      const list = new analyzerProto.AnalyzerPropertyDependencies();
      list.setUrnsList([...urns]);
      dependencies.set(property, list);
    }
    message.setDependenciesList([...new Set(Object.values(plan.propertyDependencies[resource.urn] ?? {}).flat().concat(resource.options.dependsOn))]);
  }
  return message;
}

export async function startPolicyPack(packDir: string, context: StackContext): Promise<RunningPack> {
  const pack = readProjectFile(packDir, "PulumiPolicy.yaml");
  const { pwd } = pwdAndMain(packDir, pack.main);
  const runPath = locateModule("@pulumi/pulumi/cmd/run-policy-pack", pwd);
  const env = {
    ...cliEnvironment(),
    ...runtimeEnvironment(pack),
    PULUMI_NODEJS_PROJECT: context.project,
    PULUMI_NODEJS_STACK: context.stack,
    PULUMI_NODEJS_DRY_RUN: "true",
    PULUMI_CONFIG: JSON.stringify(context.config),
  };
  // The engine's address is the first argument; the pack does not call back into the engine.
  const child: ChildProcess = spawn(process.execPath, [runPath, "127.0.0.1:1", pwd], { cwd: pwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^(\d+)\s*$/m.exec(stdout);
      if (line) resolve(line[1]!);
    });
    child.on("close", (code) => reject(new Error(`policy pack exited with ${code} before serving:\n${stderr}${stdout}`)));
  });
  const client: AnalyzerClient = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

  return {
    policies: async () => {
      const info = await unary<{ getPoliciesList(): { getName(): string }[] }>(client, "getAnalyzerInfo", new emptyProto.Empty());
      return info.getPoliciesList().map((policy) => policy.getName());
    },
    analyzeStack: async (plan) => {
      const request = new analyzerProto.AnalyzeStackRequest();
      request.setResourcesList(customResources(plan).map((resource) => describeResource(new analyzerProto.AnalyzerResource(), resource, plan)));
      return diagnosticsOf(await unary<DiagnosticsResponse>(client, "analyzeStack", request));
    },
    analyzeEach: async (plan) => {
      const found: PackDiagnostic[] = [];
      for (const resource of customResources(plan)) {
        const request = describeResource(new analyzerProto.AnalyzeRequest(), resource, plan);
        found.push(...diagnosticsOf(await unary<DiagnosticsResponse>(client, "analyze", request)));
      }
      return found;
    },
    stderr: () => stderr,
    stop: () => {
      client.close();
      child.kill();
    },
  };
}
