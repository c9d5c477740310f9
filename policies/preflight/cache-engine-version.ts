/**
 * An ElastiCache engine and version ElastiCache offers: Redis OSS ends at 7.1 and Valkey starts at
 * 7.2 (ElastiCache User Guide, "Supported engines and versions",
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html; the
 * catalogue's CACHE_ENGINE_VERSIONS). CreateReplicationGroup refuses any other pair.
 */
import { CACHE_ENGINE_VERSIONS } from "../../components/shared/aws-catalog";
import { resourceRule } from "../rule";
import { text } from "../rules/values";
import { PREFLIGHT } from "./control";

export const cacheEngineVersion = resourceRule({
  name: "elasticache-engine-version",
  control: PREFLIGHT,
  description: "ElastiCache replication groups run an engine and version ElastiCache offers (Redis OSS up to 7.1, Valkey from 7.2)",
  types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  check: ({ props }) => {
    const engine = text(props["engine"]) || "redis";
    const version = text(props["engineVersion"]);
    const versions = (CACHE_ENGINE_VERSIONS as Record<string, readonly string[]>)[engine];
    if (!versions) return [`engine "${engine}" is not one the platform supports: ${Object.keys(CACHE_ENGINE_VERSIONS).join(", ")}`];
    if (version && !versions.includes(version)) return [`${engine} ${version} is not offered by ElastiCache; choose one of ${versions.join(", ")}`];
    return [];
  },
});
