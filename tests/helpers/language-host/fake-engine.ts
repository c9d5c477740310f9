/**
 * The engine's side of a program run, on real gRPC: the ResourceMonitor and Engine services a
 * Pulumi program talks to, served on 127.0.0.1 and answered by the offline plan's recording
 * monitor and fixtures. A program started by `@pulumi/pulumi/cmd/run` connects to it exactly
 * as it connects to the CLI's engine.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import { grpc, resourceGrpc, resourceProto, engineGrpc, engineProto, emptyProto } from "./sdk-modules";
import type { RecordingMonitor } from "../../../tools/plan/recording-monitor";


/** One message the program logged through the engine. */
export interface EngineLogEntry {
  readonly severity: "debug" | "info" | "warning" | "error";
  readonly message: string;
  readonly urn: string;
}

const SEVERITIES = ["debug", "info", "warning", "error"] as const;

/** A running fake engine: addresses to pass as `--monitor` and `--engine`, and what it saw. */
export interface FakeEngine {
  readonly monitorAddress: string;
  readonly engineAddress: string;
  readonly logs: EngineLogEntry[];
  stop(): void;
}

type Handler = (call: { request: unknown }, callback: (error: unknown, response?: unknown) => void) => void;

async function serve(definition: grpcTypes.ServiceDefinition, handlers: Record<string, Handler>): Promise<{ server: grpcTypes.Server; address: string }> {
  const server = new grpc.Server();
  server.addService(definition, handlers as unknown as grpcTypes.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { server, address: `127.0.0.1:${port}` };
}

/** Starts the ResourceMonitor (answered by `monitor`) and Engine services on loopback. */
export async function startFakeEngine(monitor: RecordingMonitor): Promise<FakeEngine> {
  const forward = (method: string): Handler => (call, callback) => {
    // The mock monitor's methods take (request, callback) like a gRPC handler; a rejection
    // becomes the call's error, as the engine's would.
    Promise.resolve((monitor as unknown as Record<string, (request: unknown, cb: typeof callback) => unknown>)[method]!(call.request, callback)).catch(
      (error: unknown) => callback({ code: grpc.status.UNKNOWN, details: String((error as Error)?.message ?? error) }),
    );
  };
  const empty = (): Handler => (_call, callback) => callback(null, new emptyProto.Empty());
  // The mock monitor answers these with plain objects (it is called in-process); on the wire
  // they are protobuf messages. Features are the mock's: no "outputValues", so the fixtures
  // receive plain inputs.
  const supportsFeature: Handler = (call, callback) =>
    monitor.supportsFeature(call.request, (error: unknown, answer: { getHassupport(): boolean }) => {
      const response = new resourceProto.SupportsFeatureResponse();
      if (answer) response.setHassupport(answer.getHassupport());
      callback(error, response);
    });
  const answeredEmpty = (method: string): Handler => (call, callback) =>
    (monitor as unknown as Record<string, (request: unknown, cb: (error: unknown) => void) => void>)[method]!(call.request, (error) =>
      callback(error, new emptyProto.Empty()),
    );
  const resourceMonitor = await serve(resourceGrpc.ResourceMonitorService, {
    supportsFeature,
    getDeploymentInfo: forward("getDeploymentInfo"),
    invoke: forward("invoke"),
    call: forward("call"),
    readResource: forward("readResource"),
    registerResource: forward("registerResource"),
    registerResourceOutputs: answeredEmpty("registerResourceOutputs"),
    registerPackage: forward("registerPackage"),
    registerStackTransform: answeredEmpty("registerStackTransform"),
    registerStackInvokeTransform: answeredEmpty("registerStackInvokeTransform"),
    signalAndWaitForShutdown: empty(),
  });

  const logs: EngineLogEntry[] = [];
  let rootResource = "";
  const engine = await serve(engineGrpc.EngineService, {
    log: (call, callback) => {
      const request = call.request as { getSeverity(): number; getMessage(): string; getUrn(): string };
      logs.push({ severity: SEVERITIES[request.getSeverity()] ?? "info", message: request.getMessage(), urn: request.getUrn() });
      callback(null, new emptyProto.Empty());
    },
    getRootResource: (_call, callback) => {
      const response = new engineProto.GetRootResourceResponse();
      response.setUrn(rootResource);
      callback(null, response);
    },
    setRootResource: (call, callback) => {
      rootResource = (call.request as { getUrn(): string }).getUrn();
      callback(null, new engineProto.SetRootResourceResponse());
    },
  });

  return {
    monitorAddress: resourceMonitor.address,
    engineAddress: engine.address,
    logs,
    stop: () => {
      resourceMonitor.server.forceShutdown();
      engine.server.forceShutdown();
    },
  };
}
