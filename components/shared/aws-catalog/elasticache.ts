/** ElastiCache facts for Valkey and Redis OSS: engine versions, node types, identifier rules. */
import { classesOf } from "./sizes";

/**
 * Versions (major.minor) of node-based ElastiCache replication groups the platform supports.
 * Source: ElastiCache User Guide, "Engine versions and upgrading in ElastiCache" and "Supported
 * engines and versions" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html), read
 * 2026-11-30: Redis OSS ends at 7.1; Valkey starts at 7.2 (7.2, 8.0, 8.1, 8.2, 9.0, 9.1).
 * ElastiCache also still runs Redis OSS 6.0, 5.0.6 and 4.0.10 for existing clusters; the platform
 * offers the 6.2 to 7.1 line for new ones (ElastiCache recommends 6.2 or later as the upgrade
 * target of retired versions: "Redis OSS versions end of life schedule").
 */
export const CACHE_ENGINE_VERSIONS: Readonly<Record<"valkey" | "redis", readonly string[]>> = {
  valkey: ["7.2", "8.0", "8.1", "8.2", "9.0", "9.1"],
  redis: ["6.2", "7.0", "7.1"],
};

/** The version a new cache of each engine gets when the tenant file names none. */
export const DEFAULT_CACHE_VERSION: Readonly<Record<"valkey" | "redis", string>> = {
  valkey: "8.0",
  redis: "7.1",
};

const GRAVITON_UP_TO_16 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const M5_R5 = ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"];

/**
 * Node types of ElastiCache for Valkey and Redis OSS, current and previous generation. Source:
 * ElastiCache User Guide, "Supported node types"
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html), read
 * 2026-11-30. Availability differs by region; ElastiCache refuses a type the region lacks.
 */
export const CACHE_NODE_TYPES: ReadonlySet<string> = classesOf("cache.", {
  t2: ["micro", "small", "medium"],
  t3: ["micro", "small", "medium"],
  t4g: ["micro", "small", "medium"],
  m4: ["large", "xlarge", "2xlarge", "4xlarge", "10xlarge"],
  m5: M5_R5,
  m6g: GRAVITON_UP_TO_16,
  m7g: GRAVITON_UP_TO_16,
  r4: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"],
  r5: M5_R5,
  r6g: GRAVITON_UP_TO_16,
  r6gd: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  r7g: GRAVITON_UP_TO_16,
  c7gn: GRAVITON_UP_TO_16,
});

/** True when `nodeType` is an ElastiCache node type (`cache.t4g.small`). */
export function isCacheNodeType(nodeType: string): boolean {
  return CACHE_NODE_TYPES.has(nodeType);
}

/**
 * Replication group ids: 1–40 letters, digits and hyphens, starting with a letter, no two
 * consecutive hyphens, not ending with a hyphen (terraform-provider-aws
 * internal/service/elasticache/replication_group.go, `replication_group_id` ValidateFunc;
 * ElastiCache API CreateReplicationGroup, ReplicationGroupId constraints).
 */
export function replicationGroupIdProblems(id: string): string[] {
  const problems: string[] = [];
  if (id.length < 1 || id.length > 40) problems.push("is 1 to 40 characters");
  if (!/^[0-9A-Za-z-]*$/.test(id)) problems.push("holds only letters, digits and hyphens");
  if (!/^[A-Za-z]/.test(id)) problems.push("starts with a letter");
  if (id.includes("--")) problems.push("has no two consecutive hyphens");
  if (id.endsWith("-")) problems.push("does not end with a hyphen");
  return problems;
}
