/**
 * Finding the Pulumi CLI the Automation API drives: once per run, shared by every stack. Looks on
 * PATH first, then in `$PULUMI_HOME/bin` (default `~/.pulumi/bin`, where Pulumi's installer puts it).
 */
import { existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";

/** The Pulumi CLI is not installed, or cannot be used; the message says what to do. */
export class PulumiCliError extends Error {
  override readonly name = "PulumiCliError";
}

/** The explanation printed when no CLI is found. */
export const MISSING_CLI_MESSAGE =
  "The Pulumi CLI was not found: the fleet driver runs it through Pulumi's Automation API, so it must be " +
  "installed on this machine. Install it (https://www.pulumi.com/docs/install/, for example " +
  "`curl -fsSL https://get.pulumi.com | sh`, or pulumi/actions / pulumi/setup-pulumi in GitHub Actions), then " +
  "put it on PATH or leave it in $PULUMI_HOME/bin (default ~/.pulumi/bin). `npm run plan` checks tenants offline without it.";

/** Where to look for the CLI besides PATH: `$PULUMI_HOME` (default `~/.pulumi`). */
export function pulumiHomeRoot(env: NodeJS.ProcessEnv): string {
  return env["PULUMI_HOME"] || path.join(env["HOME"] || os.homedir(), ".pulumi");
}

function notFound(error: unknown): boolean {
  return /ENOENT|not found/i.test(error instanceof Error ? error.message : String(error));
}

/**
 * The Pulumi CLI, checked against the SDK's minimum version (unless `skipVersionCheck`). Throws
 * {@link PulumiCliError} with {@link MISSING_CLI_MESSAGE} when there is none, or with the reason
 * when it is unusable (too old).
 */
export async function findPulumiCli(env: NodeJS.ProcessEnv, skipVersionCheck = false): Promise<PulumiCommand> {
  const explain = (error: unknown): PulumiCliError => {
    const message = error instanceof Error ? error.message : String(error);
    if (notFound(error)) return new PulumiCliError(MISSING_CLI_MESSAGE);
    const reason = message.split("\n").find((l) => /version/i.test(l)) ?? message.split("\n")[0];
    return new PulumiCliError(`The Pulumi CLI cannot be used: ${reason?.trim()}. Install a current version (https://www.pulumi.com/docs/install/).`);
  };
  try {
    return await PulumiCommand.get({ skipVersionCheck });
  } catch (error) {
    if (!notFound(error)) throw explain(error);
  }
  const root = pulumiHomeRoot(env);
  if (!existsSync(path.join(root, "bin", "pulumi"))) throw new PulumiCliError(MISSING_CLI_MESSAGE);
  try {
    return await PulumiCommand.get({ root, skipVersionCheck });
  } catch (error) {
    throw explain(error);
  }
}
