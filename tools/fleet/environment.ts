/**
 * The environment the fleet driver documents and checks: where state lives, how stack secrets are
 * encrypted, and the cloud credentials the program needs. Values are inherited by the Pulumi CLI;
 * the driver adds only {@link cliEnvironment}.
 */

/** A documented variable: its name and what it is for (printed by `--help`). */
export interface DocumentedVariable {
  readonly name: string;
  readonly purpose: string;
}

/** Every variable the driver reads or the CLI and providers need, as `--help` and docs/fleet.md list them. */
export const FLEET_VARIABLES: readonly DocumentedVariable[] = [
  { name: "PULUMI_BACKEND_URL", purpose: "state backend: https://api.pulumi.com (Pulumi Cloud), s3://bucket?region=…, file://path; default: the CLI's login" },
  { name: "PULUMI_ACCESS_TOKEN", purpose: "token for Pulumi Cloud (not needed for s3:// or file:// backends)" },
  { name: "PULUMI_CONFIG_PASSPHRASE", purpose: "passphrase of stacks using the passphrase secrets provider (or PULUMI_CONFIG_PASSPHRASE_FILE)" },
  { name: "CLOUDFLARE_API_TOKEN", purpose: "Cloudflare token the program's provider uses (unless the stack config has cloudflareApiToken)" },
  { name: "AWS_*", purpose: "AWS credentials from the environment: OIDC role (aws-actions/configure-aws-credentials), AWS_PROFILE or access keys" },
  { name: "PULUMI_HOME", purpose: "the CLI's home (plugins, current-stack files); the CLI is also looked for in $PULUMI_HOME/bin" },
];

/**
 * Variables the driver adds to every CLI call:
 * - no update check;
 * - PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER: a runner starts without the stack's
 *   `Pulumi.<stack>.yaml`, where the CLI looks for the stack's secrets provider (KMS key, or the
 *   passphrase's salt); without the file it would make a new default secrets manager (on a DIY
 *   backend, a passphrase with a new salt). With this variable it uses the one recorded in the
 *   stack's state instead (`SecretsManagerLoader.GetSecretsManager`, pulumi/pulumi
 *   pkg/cmd/pulumi/stack/secrets.go; sdk/go/common/env/env.go).
 */
export function cliEnvironment(): Record<string, string> {
  return { PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER: "true" };
}

/** True for DIY backends (state in a bucket or folder), which encrypt secrets with a passphrase or a KMS key. */
export function isDiyBackend(url: string | undefined): boolean {
  return url !== undefined && /^(s3|file|gs|azblob|postgres):\/\//.test(url);
}

/**
 * Lines describing the environment, printed before a run, and warnings for what is likely missing
 * (warnings, not errors: a stack's own settings may hold what the environment lacks).
 */
export function describeEnvironment(env: NodeJS.ProcessEnv, secretsProvider: string | undefined, needsCloud: boolean): { info: string[]; warnings: string[] } {
  const backend = env["PULUMI_BACKEND_URL"];
  const info = [`backend: ${backend ? backend.replace(/\/\/[^/@]*@/, "//***@") : "the Pulumi CLI's current login (PULUMI_BACKEND_URL not set)"}`];
  const warnings: string[] = [];
  if (secretsProvider) info.push(`secrets provider for new stacks: ${secretsProvider}`);
  if (isDiyBackend(backend) && !secretsProvider && !env["PULUMI_CONFIG_PASSPHRASE"] && !env["PULUMI_CONFIG_PASSPHRASE_FILE"]) {
    warnings.push("a DIY backend with neither PULUMI_CONFIG_PASSPHRASE(_FILE) nor --secrets-provider: stacks using the passphrase provider will fail to decrypt");
  }
  if (!backend && !env["PULUMI_ACCESS_TOKEN"] && env["CI"]) {
    warnings.push("in CI without PULUMI_BACKEND_URL or PULUMI_ACCESS_TOKEN the CLI has no backend to log in to");
  }
  if (needsCloud && !env["CLOUDFLARE_API_TOKEN"]) warnings.push("CLOUDFLARE_API_TOKEN is not set: stacks without a cloudflareApiToken secret in their config will fail");
  const aws = ["AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"].some((name) => env[name]);
  if (needsCloud && !aws) warnings.push("no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_PROFILE or a web identity): the AWS provider will look for an instance role");
  return { info, warnings };
}
