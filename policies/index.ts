/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack policies [--policy-pack-config
 * <file>]`. Rules live in their own modules (rules/), so tests and the offline plan run them
 * without the Pulumi CLI; this file only assembles them. Rules that compare with the tenant file
 * read `<tenantsDir>/<stack>.yaml` (the stack's `tenantsDir`, default `tenants`).
 */
import { PolicyPack } from "@pulumi/policy";
import { ALL_RULES } from "./all-rules";
import { useDeclarationSource } from "./rule";
import { declarationsFromTenantFile } from "./tenant-declarations";
import { configuredTenantsDir } from "./tenants-dir";

useDeclarationSource((resources) => declarationsFromTenantFile(resources, configuredTenantsDir()));

new PolicyPack("tenant-platform", {
  description: "Security (AWS Foundational Security Best Practices, CIS AWS Foundations) and data safety for tenant stacks",
  enforcementLevel: "advisory",
  policies: [...ALL_RULES],
});
