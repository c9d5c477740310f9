/**
 * The folder of tenant files the pack reads declarations from: the stack's `tenantsDir`
 * configuration, as the program reads it, relative to the project folder (this pack's parent).
 * Under `pulumi preview --policy-pack`, the language host's policy proxy hands the pack the
 * stack's configuration in PULUMI_CONFIG (pulumi/pulumi
 * `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`, `RunPlugin`), which `pulumi.Config` reads.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** The project folder: the policy pack lives in `<project>/policies`. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** `tenantsDir` from the stack's configuration (default `tenants`), resolved against the project folder. */
export function configuredTenantsDir(): string {
  const configured = new pulumi.Config().get("tenantsDir") ?? "tenants";
  return path.resolve(PROJECT_ROOT, configured);
}
