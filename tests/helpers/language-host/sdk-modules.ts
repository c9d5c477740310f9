/**
 * The gRPC library and generated protocol modules of the project's one @pulumi/pulumi (the
 * copies the program itself speaks with).
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));

export const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
export const resourceGrpc = fromPulumi("./proto/resource_grpc_pb");
export const resourceProto = fromPulumi("./proto/resource_pb");
export const engineGrpc = fromPulumi("./proto/engine_grpc_pb");
export const engineProto = fromPulumi("./proto/engine_pb");
export const analyzerGrpc = fromPulumi("./proto/analyzer_grpc_pb");
export const analyzerProto = fromPulumi("./proto/analyzer_pb");
export const structProto = fromPulumi("google-protobuf/google/protobuf/struct_pb");
export const emptyProto = fromPulumi("google-protobuf/google/protobuf/empty_pb");
