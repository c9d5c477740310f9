export { Database, CREATE_ONLY_INPUTS, REPLACEMENT_TAG } from "./database";
export { AppUsers, appUserNames, lastActivation } from "./app-users";
export type { AppUsersArgs } from "./app-users";
export type { DatabaseArgs, DatabaseRestoreArgs } from "./args";
export { APP_USERS_DEFAULTS, DATABASE_DEFAULTS } from "./defaults";
export { DATABASE_ENGINES, ENGINE_PROFILES, parameterGroupFamily, performanceInsightsAvailable } from "./engines";
export type { DatabaseEngine, EngineProfile } from "./engines";
