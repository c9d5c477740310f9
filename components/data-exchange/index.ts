export { ExportLocation } from "./export-location";
export type { ExportLocationArgs } from "./export-location";
export { EXPORT_LOCATION_DEFAULTS } from "./defaults";
export * from "./exchange-names";
export { exportBucketStatements, exportKeyPolicy, exportWriterPolicy, importReadPolicy } from "./exchange-policies";
