/**
 * An RDS engine and major version the platform supports and RDS offers (the catalogue's
 * RDS_ENGINE_VERSIONS, from the RDS User Guide's supported-versions pages). A version RDS does
 * not have fails CreateDBInstance ("Cannot find version … for …").
 */
import { RDS_ENGINE_VERSIONS } from "../../components/shared/aws-catalog";
import { resourceRule } from "../rule";
import { text } from "../rules/values";
import { PREFLIGHT } from "./control";

export const rdsEngineVersion = resourceRule({
  name: "rds-engine-version",
  control: PREFLIGHT,
  description: "RDS instances run an engine and major version RDS offers (MySQL, MariaDB, PostgreSQL)",
  types: ["aws:rds/instance:Instance"],
  check: ({ props }) => {
    if (props["replicateSourceDb"]) return [];
    const engine = text(props["engine"]);
    const version = text(props["engineVersion"]);
    const versions = (RDS_ENGINE_VERSIONS as Record<string, readonly string[]>)[engine];
    if (!versions) return [`engine "${engine}" is not one the platform supports: ${Object.keys(RDS_ENGINE_VERSIONS).join(", ")}`];
    // Without a version RDS takes the engine's default one.
    if (version && !versions.includes(version) && !versions.some((major) => version.startsWith(`${major}.`))) {
      return [`${engine} ${version} is not offered; choose one of ${versions.join(", ")}`];
    }
    return [];
  },
});
