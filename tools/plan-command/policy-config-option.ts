/** The plan command's `--policy-config`: the file read and checked against the policy pack's rules. */
import { CommandError } from "../command-line";
import { ALL_RULES } from "../../policies/all-rules";
import { loadPolicyConfig, PolicyConfigError, type PolicyConfig } from "../../policies/policy-config";

/** The policy configuration file a command line names, read and validated. */
export function policyConfig(file: string): PolicyConfig {
  try {
    return loadPolicyConfig(file, ALL_RULES);
  } catch (error) {
    if (error instanceof PolicyConfigError) throw new CommandError(error.message, 2);
    throw error;
  }
}
