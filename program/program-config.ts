/** The stack configuration the Pulumi program reads, shared with the tools that run it. */

/** Project config keys the program reads. */
export const CONFIG_KEYS = {
  tenantsDir: "tenantsDir",
  cloudflareApiToken: "cloudflareApiToken",
} as const;

/** The tenant folder when a stack sets no `tenantsDir` (Pulumi.yaml declares the same default). */
export const DEFAULT_TENANTS_DIR = "tenants";
