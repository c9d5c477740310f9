/** The plan command's `--policy-config`: the file read and checked against the policy pack's rules. */
import { ALL_RULES } from "../../policies/all-rules";
import { loadPolicyConfig, NO_CONFIG, PolicyConfigError, type PolicyConfig } from "../../policies/policy-config";
import { CliError } from "./cli-error";

/** The policy configuration a command line names, validated; no file (or an empty name) is no configuration. */
export function policyConfig(file: string | undefined): PolicyConfig {
  if (!file) return NO_CONFIG;
  try {
    return loadPolicyConfig(file, ALL_RULES);
  } catch (error) {
    if (error instanceof PolicyConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}
