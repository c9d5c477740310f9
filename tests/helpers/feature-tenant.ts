/** Tenant files with web and the tenant-level features (exchange, media, mail), for graph tests. */
import { CLOUDFLARE_ACCOUNT } from "./temp-tenants";

export interface FeatureTenantOptions {
  /** 12-digit AWS account id. */
  readonly account: string;
  /** Zone of the tenant (distinct per tenant). */
  readonly zone: string;
  /** VPC CIDR. @default "10.20.0.0/16" */
  readonly cidr?: string;
  /** Region. @default "eu-central-1" */
  readonly region?: string;
  /** Exchange partners; no exchange section when undefined. */
  readonly partners?: readonly string[];
  /** Extra top-level YAML lines (media, mail sections…). */
  readonly extra?: readonly string[];
}

/** A small web tenant in its own account and zone. */
export function featureTenantYaml(options: FeatureTenantOptions): string {
  return [
    "aws:",
    `  region: ${options.region ?? "eu-central-1"}`,
    `  accountId: "${options.account}"`,
    "network:",
    `  cidr: ${options.cidr ?? "10.20.0.0/16"}`,
    "  zones: 2",
    "  nat: single",
    "edge:",
    `  zone: ${options.zone}`,
    '  hostnames: ["@", www]',
    `  accountId: ${CLOUDFLARE_ACCOUNT}`,
    "web:",
    "  instanceType: t4g.small",
    "  app: { image: ghcr.io/acme/site:1.4, port: 8080 }",
    "  scaling: { min: 2, max: 4 }",
    ...(options.partners ? ["exchange:", `  partners: [${options.partners.join(", ")}]`] : []),
    ...(options.extra ?? []),
    "",
  ].join("\n");
}
