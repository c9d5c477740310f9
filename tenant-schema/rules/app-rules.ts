/**
 * Rules of the application container (`web.app`): names the platform sets itself, a name given
 * twice, credentials written as plain values, and images that are not pinned.
 */
import { EC2_USER_DATA_MAX_BYTES } from "../../components/shared/aws-catalog";
import { platformSectionOf } from "../platform-env";

/**
 * Bytes of the instance user data the platform's own part takes at most: scripts, units and
 * configs (compressed, without comment lines), the nginx site and every variable the platform
 * sets, measured on the tenant with every section on and the longest names (14.3 KB with the
 * termination drain; tests/plan/user-data-budget.test.ts keeps this true). What remains of EC2's
 * 16 KB is the tenant's plain env and secret references.
 */
export const PLATFORM_USER_DATA_BYTES = 15 * 1024;

/** Bytes the tenant's env and secret references may take in the user data. */
export const APP_USER_DATA_BUDGET_BYTES = EC2_USER_DATA_MAX_BYTES - PLATFORM_USER_DATA_BYTES;

/**
 * Bytes the app's own variables take in the user data, counted as the env file holds them (a
 * `NAME=value` line, indented in the cloud-config) and secret references at their full length.
 */
export function appUserDataBytes(app: { env: Record<string, string>; secrets: Record<string, string> }): number {
  const line = (name: string, value: string) => Buffer.byteLength(`      ${name}=${value}\n`, "utf8");
  return [...Object.entries(app.env), ...Object.entries(app.secrets)].reduce((sum, [name, value]) => sum + line(name, value), 0);
}

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

interface Relevant {
  database?: unknown;
  cache?: unknown;
  media?: unknown;
  mail?: unknown;
  exchange?: unknown;
  web?: { app: { image: string; env: Record<string, string>; secrets: Record<string, string> }; workers?: unknown };
}

/**
 * Names that hold credentials by convention: a last word such as PASSWORD, SECRET or TOKEN, API
 * keys, private keys, and the AWS SDK's credential variables (which would also override the
 * instance role the platform grants).
 */
const CREDENTIAL_NAME = /(^|_)(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|SECRET_?KEY|PRIVATE_?KEY|ACCESS_?KEY(_ID)?|CREDENTIALS?)$/i;

/** Values that are credentials whatever their name, with what they are. */
const CREDENTIAL_VALUES: readonly (readonly [RegExp, string])[] = [
  // Access key ids start AKIA (long-term) or ASIA (temporary): IAM User Guide, "Unique ID prefixes".
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, "an AWS access key id"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  // Stripe secret and restricted keys (live and test): Stripe docs, "API keys".
  [/\b[sr]k_(live|test)_[0-9a-zA-Z]{10,}/, "a Stripe secret key"],
  // GitHub tokens: "About authentication to GitHub", token prefixes.
  [/\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/, "a GitHub token"],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, "a URL with a password in it"],
];

export function checkApp(spec: Relevant, ctx: Context): void {
  const app = spec.web?.app;
  if (!app) return;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path: ["web", "app", ...path], message });

  for (const kind of ["env", "secrets"] as const) {
    for (const name of Object.keys(app[kind])) {
      const section = platformSectionOf(name, spec);
      if (section) add([kind, name], `is set by the platform from the ${section} section; use another name`);
    }
  }
  for (const name of Object.keys(app.env)) {
    if (name in app.secrets) {
      add(["env", name], `is also in web.app.secrets; a variable is either plain (env) or secret (secrets), so remove it from one`);
      continue;
    }
    const value = app.env[name]!;
    const found = CREDENTIAL_VALUES.find(([pattern]) => pattern.test(value));
    if (found) {
      add(["env", name], `holds what looks like ${found[1]}; plain env values are readable in the plan and the launch template: store it in Secrets Manager or SSM and reference it under web.app.secrets`);
    } else if (CREDENTIAL_NAME.test(name) && !platformSectionOf(name, spec)) {
      add(["env", name], `is named like a credential; plain env values are readable in the plan and the launch template: reference a secret under web.app.secrets instead (or rename it if it is not secret)`);
    }
  }
  if (CHINA_ECR.test(app.image)) {
    add(["image"], `"${app.image}" is in an ECR registry of the AWS China partition (amazonaws.com.cn); the platform deploys to the aws partition only, whose instance roles cannot log in there: copy the image to an ECR repository of the tenant's account (or a public registry)`);
  }
  const bytes = appUserDataBytes(app);
  if (bytes > APP_USER_DATA_BUDGET_BYTES) {
    add(["env"], `with web.app.secrets takes ${bytes} bytes of the instance user data; EC2 takes at most ${EC2_USER_DATA_MAX_BYTES} bytes of user data and the platform's scripts and settings use up to ${PLATFORM_USER_DATA_BYTES}, so the app's variables may take ${APP_USER_DATA_BUDGET_BYTES}: move long values into a configuration file in the image, or into secrets in Secrets Manager or SSM (one reference each)`);
  }
  if (!hasTagOrDigest(app.image)) {
    add(["image"], `"${app.image}" has no tag or digest, so each new instance would pull whatever is tagged latest then; pin a version such as ${app.image}:1.4 or a digest (@sha256:…)`);
  }
}

/**
 * ECR registries of the China partition (`<account>.dkr.ecr.<region>.amazonaws.com.cn`, Amazon ECR
 * endpoints in the China regions). The platform deploys to the `aws` partition only
 * (components/shared/aws-catalog/regions.ts), and IAM credentials do not cross partitions.
 */
const CHINA_ECR = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\.cn\//;

/** True when an image reference names a tag (`:1.4` after the last `/`) or a digest (`@sha256:…`). */
export function hasTagOrDigest(image: string): boolean {
  return image.includes("@") || image.slice(image.lastIndexOf("/") + 1).includes(":");
}
