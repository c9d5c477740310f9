/**
 * Rules of the application container (`web.app`): names the platform sets itself, a name given
 * twice, credentials written as plain values, and images that are not pinned.
 */
import { platformSectionOf } from "../platform-env";

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
