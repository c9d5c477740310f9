/**
 * Policy configuration: the JSON file CrossGuard reads with `pulumi preview --policy-pack policies
 * --policy-pack-config <file>`, read the same way offline (`npm run plan -- --policy-config
 * <file>`):
 *
 * ```json
 * { "all": "advisory",
 *   "s3-versioning": "disabled",
 *   "rds-backup-retention": { "enforcementLevel": "mandatory", "minimumDays": 14 } }
 * ```
 *
 * `all` sets every rule's level; a rule's own entry wins over `all`; without either a rule keeps
 * the level it ships with. Levels: advisory, mandatory, remediate (treated as mandatory, as
 * CrossGuard does for rules that do not remediate), disabled.
 */
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import { z } from "zod";
import type { Rule } from "./rule";
import { readInputFile } from "../tenant-schema/read-input";

/** A policy configuration is a few rule levels; anything near this size is not one. */
export const MAX_POLICY_CONFIG_BYTES = 256 * 1024;

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const satisfies readonly EnforcementLevel[];

/** One rule's configuration, validated: its level (when set) and its properties. */
export interface RuleConfig {
  readonly enforcementLevel?: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

/** A validated configuration file. */
export interface PolicyConfig {
  /** The level set for every rule (`all`), when set. */
  readonly all?: EnforcementLevel;
  /** Per-rule entries, by rule name. */
  readonly rules: Readonly<Record<string, RuleConfig>>;
}

/** No configuration: every rule at its shipped level with default properties. */
export const NO_CONFIG: PolicyConfig = { rules: {} };

/** Bad configuration, with a message naming the file and the key. */
export class PolicyConfigError extends Error {}

const level = z.enum(ENFORCEMENT_LEVELS, { error: `must be one of ${ENFORCEMENT_LEVELS.map((l) => `"${l}"`).join(", ")}` });

/** A zod schema for the JSON Schema subset the rules' `configSchema` use (integer, number, string, boolean with bounds). */
function propertySchema(json: Record<string, unknown>): z.ZodType {
  const min = typeof json["minimum"] === "number" ? json["minimum"] : undefined;
  const max = typeof json["maximum"] === "number" ? json["maximum"] : undefined;
  switch (json["type"]) {
    case "integer":
    case "number": {
      let schema = json["type"] === "integer" ? z.number().int({ error: "must be a whole number" }) : z.number();
      if (min !== undefined) schema = schema.min(min, { error: `must be at least ${min}` });
      if (max !== undefined) schema = schema.max(max, { error: `must be at most ${max}` });
      return schema;
    }
    case "boolean":
      return z.boolean();
    default:
      return z.string();
  }
}

function ruleEntrySchema(schema: PolicyConfigSchema | undefined): z.ZodType {
  const properties = Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([key, json]) => [key, propertySchema(json as Record<string, unknown>).optional()]));
  const allowed = ["enforcementLevel", ...Object.keys(properties)].join(", ");
  return z.union([level, z.strictObject({ enforcementLevel: level.optional(), ...properties }, { error: `must be a level or an object with ${allowed}` })], {
    error: `must be one of ${ENFORCEMENT_LEVELS.map((l) => `"${l}"`).join(", ")} or an object with ${allowed}`,
  });
}

function configSchema(rules: readonly Rule[]) {
  const entries = Object.fromEntries(rules.map((rule) => [rule.name, ruleEntrySchema(rule.configSchema).optional()]));
  const all = z.union([level, z.strictObject({ enforcementLevel: level })], { error: `must be one of ${ENFORCEMENT_LEVELS.map((l) => `"${l}"`).join(", ")}` }).optional();
  return z.strictObject({ all, ...entries }, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `unknown rule ${issue.keys.map((k) => `"${k}"`).join(", ")}; rules: all, ${rules.map((r) => r.name).join(", ")}` : "must be a JSON object of rule names"),
  });
}

/** Validates configuration (the parsed JSON) against the rules; throws a PolicyConfigError naming `source` and the key. */
export function parsePolicyConfig(json: unknown, rules: readonly Rule[], source: string): PolicyConfig {
  const parsed = configSchema(rules).safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${source}: ${issue.path.length > 0 ? issue.path.join(".") : "(top level)"}: ${issue.message}`);
    throw new PolicyConfigError(lines.join("\n"));
  }
  const data = parsed.data as Record<string, unknown>;
  const levelOf = (value: unknown): EnforcementLevel | undefined => (typeof value === "string" ? (value as EnforcementLevel) : (value as { enforcementLevel?: EnforcementLevel } | undefined)?.enforcementLevel);
  const ruleEntries: Record<string, RuleConfig> = {};
  for (const [name, value] of Object.entries(data)) {
    if (name === "all" || value === undefined) continue;
    const properties = typeof value === "object" ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => key !== "enforcementLevel")) : {};
    ruleEntries[name] = { enforcementLevel: levelOf(value), properties };
  }
  return { all: levelOf(data["all"]), rules: ruleEntries };
}

/** Reads and validates a configuration file; throws a PolicyConfigError (never a stack trace) when it cannot. */
export function loadPolicyConfig(file: string, rules: readonly Rule[]): PolicyConfig {
  const read = readInputFile(file, MAX_POLICY_CONFIG_BYTES, "a policy configuration");
  if (!read.ok) throw new PolicyConfigError(`${file}: cannot read the policy configuration: ${read.reason}`);
  const text = read.bytes.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PolicyConfigError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  return parsePolicyConfig(json, rules, file);
}

/** The level a rule runs at under a configuration: its own entry, else `all`, else the level it ships with. */
export function effectiveLevel(rule: Rule, config: PolicyConfig): "advisory" | "mandatory" | "disabled" {
  const chosen = config.rules[rule.name]?.enforcementLevel ?? config.all ?? rule.enforcementLevel;
  return chosen === "remediate" ? "mandatory" : chosen;
}
