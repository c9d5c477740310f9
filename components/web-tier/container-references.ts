/** What the tenant's application container may be given: names and references the instance scripts accept. */

/** An environment variable name: letters, digits and `_`, not starting with a digit. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A container image reference: `[registry[:port]/]path[:tag][@sha256:digest]`, lower-case path. */
export const IMAGE_REFERENCE = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
/** A secret the instance reads at start: a Secrets Manager secret ARN (or one key of its JSON, `#key`) or an SSM parameter as `ssm:/path`. */
export const SECRET_REFERENCE = /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@!-]+(#[\w.-]+)?|ssm:\/[\w./-]+)$/;
