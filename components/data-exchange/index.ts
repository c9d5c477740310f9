export { ExportLocation } from "./export-location";
export type { ExportLocationArgs } from "./export-location";
export * from "./exchange-names";
export { exportBucketStatements, exportKeyPolicy, exportWriterPolicy, importReadPolicy } from "./exchange-policies";
