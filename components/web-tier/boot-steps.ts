/** The boot steps a rendered user data document holds, read back from the document itself. */
import { parse } from "yaml";
import type { BootSteps } from "./boot-estimate";
import { writtenFiles } from "./cloud-config-files";
import { PATHS } from "./user-data";

/**
 * The packages cloud-init installs (`packages`) and the secrets the first start resolves (the
 * `resolve_secret` calls of the secrets script) of a `#cloud-config` user data, with the load
 * balancer's checks a web instance must pass.
 */
export function renderedBootSteps(userData: string, loadBalancerChecks?: BootSteps["loadBalancerChecks"]): BootSteps {
  const config = parse(userData.replace(/^#cloud-config\n/, "")) as { packages?: string[] } | null;
  const secretsScript = writtenFiles(userData)[PATHS.secretsScript] ?? "";
  return {
    packages: config?.packages ?? [],
    secrets: secretsScript.split("\n").filter((line) => line.startsWith("resolve_secret ")).length,
    ...(loadBalancerChecks ? { loadBalancerChecks } : {}),
  };
}
