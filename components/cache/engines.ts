/** Cache engines: Valkey (the open fork, about 20% cheaper on ElastiCache) or Redis OSS. */
export const CACHE_ENGINES = ["valkey", "redis"] as const;
export type CacheEngine = (typeof CACHE_ENGINES)[number];
