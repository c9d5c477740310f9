export { Database, CREATE_ONLY_INPUTS, REPLACEMENT_TAG } from "./database";
export type { DatabaseArgs, DatabaseRestoreArgs } from "./args";
export { DATABASE_ENGINES, ENGINE_PROFILES, parameterGroupFamily, performanceInsightsAvailable } from "./engines";
export type { DatabaseEngine, EngineProfile } from "./engines";
