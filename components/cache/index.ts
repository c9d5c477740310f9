export { Cache, CACHE_ENGINES } from "./cache";
export { CACHE_DEFAULTS } from "./defaults";
export type { CacheArgs, CacheEngine } from "./cache";
export { memberClusterIds } from "./member-clusters";
