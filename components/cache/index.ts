export { Cache, CACHE_ENGINES } from "./cache";
export type { CacheArgs, CacheEngine } from "./cache";
export { memberClusterIds } from "./member-clusters";
