/** The explicit providers of a tenant stack: no resource of the platform uses a default provider. */
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import type * as pulumi from "@pulumi/pulumi";
import type { TenantSpec } from "../tenant-schema/tenant-schema";
import { providerRoleArn } from "./provider-role";

/** Tags every AWS resource of a tenant carries, through the provider's default tags. */
export function tenantTags(spec: TenantSpec): Record<string, string> {
  return { ...spec.tags, tenant: spec.id, "managed-by": "tenant-platform" };
}

export interface TenantProviders {
  readonly aws: aws.Provider;
  readonly cloudflare: cloudflare.Provider;
  /** For generated values (final snapshot suffixes, cache tokens); explicit like the others. */
  readonly random: random.Provider;
  /** For the zone's origin-pull certificates. */
  readonly tls: tls.Provider;
}

export interface ProviderSettings {
  /**
   * Cloudflare API token (a secret). When absent, the provider reads CLOUDFLARE_API_TOKEN from
   * the environment.
   */
  readonly cloudflareApiToken?: pulumi.Input<string>;
  /**
   * A reader role to assume in place of `aws.deployRoleArn`, by name, in its account (the value of
   * `TENANT_PLATFORM_AWS_ROLE_NAME`, program/provider-role.ts). @default the deploy role
   */
  readonly roleName?: string;
}

/**
 * One AWS provider in the tenant's region (default tags with the tenant id; the tenant's deploy
 * role assumed and its account enforced where the file names them), one Cloudflare provider, and
 * the random and tls providers.
 */
export function createProviders(spec: TenantSpec, settings: ProviderSettings): TenantProviders {
  const { region, accountId, deployRoleArn } = spec.aws;
  return {
    aws: new aws.Provider(`${spec.id}-aws`, {
      region,
      defaultTags: { tags: tenantTags(spec) },
      allowedAccountIds: accountId ? [accountId] : undefined,
      assumeRoles: deployRoleArn ? [{ roleArn: providerRoleArn(deployRoleArn, settings.roleName), sessionName: `tenant-platform-${spec.id}` }] : undefined,
    }),
    cloudflare: new cloudflare.Provider(`${spec.id}-cloudflare`, {
      apiToken: settings.cloudflareApiToken,
    }),
    random: new random.Provider(`${spec.id}-random`),
    tls: new tls.Provider(`${spec.id}-tls`),
  };
}
