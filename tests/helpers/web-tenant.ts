/** Tenant files with a web section, for the WebTier graph tests. */
export const CERTIFICATE = "arn:aws:acm:eu-central-1:123456789012:certificate/0d9f5a43-2b7e-4c1a-9e55-7c1f0e6a8b21";
export const DB_SECRET = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme/db-AbCdEf";

/** A tenant file: network lines and web section lines (YAML under `web:`), indented by the caller. */
export function webTenantYaml(options: { nat?: string; web?: string[]; zones?: string } = {}): string {
  const web = options.web ?? [
    "  instanceType: t4g.small",
    "  app:",
    "    image: ghcr.io/acme/site:1.4",
    "    port: 8080",
    "    env: { APP_ENV: production }",
    `    secrets: { DB_PASSWORD: "${DB_SECRET}", API_KEY: "ssm:/acme/api-key" }`,
    "  scaling: { min: 2, max: 6 }",
    "  loadBalancer:",
    `    certificateArn: ${CERTIFICATE}`,
  ];
  return [
    "aws:",
    "  region: eu-central-1",
    "network:",
    "  cidr: 10.20.0.0/16",
    `  zones: ${options.zones ?? "2"}`,
    `  nat: ${options.nat ?? "single"}`,
    "edge:",
    "  zone: acme.example",
    '  hostnames: ["@", www]',
    "  accountId: 0123456789abcdef0123456789abcdef",
    "web:",
    ...web,
    "",
  ].join("\n");
}
