/** The tenant file and its exchange links → the export location, the import grant and the app's variables. */
import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import type { ExportLocationArgs } from "../../../components/data-exchange";
import { importReadPolicy } from "../../../components/data-exchange/exchange-policies";
import { exportBucketName, importEnvName } from "../../../components/data-exchange/exchange-names";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";
import { partyOf, type ExchangeLinks } from "../exchange-links";

/** The export location of the `exchange` section, read by its partners; none without it. */
export function exportLocationArgs(spec: TenantSpec, links: ExchangeLinks, writerRoleName: pulumi.Input<string> | undefined): ExportLocationArgs | undefined {
  const self = partyOf(spec);
  if (!spec.exchange || !self) return undefined;
  return { exporter: self, partners: links.exportsTo, writerRoleName, keepDays: spec.exchange.keepDays };
}

/** Logical name of the instances' policy that reads the exporters' locations. */
export function exchangeReaderName(tenantId: string): string {
  return `${tenantId}-exchange-reader`;
}

/** Read access of the instances' role to the export locations of the tenants exporting to this one; none when none does or without instances. */
export function exchangeReaderArgs(links: ExchangeLinks, instanceRoleName: pulumi.Input<string> | undefined): aws.iam.RolePolicyArgs | undefined {
  if (links.importsFrom.length === 0 || instanceRoleName === undefined) return undefined;
  return { role: instanceRoleName, policy: JSON.stringify(importReadPolicy(links.importsFrom)) };
}

/** The app's variables naming its own export bucket and each exporter's (tenant-schema/platform-env.ts). */
export function exchangeEnv(spec: TenantSpec, links: ExchangeLinks): Record<string, string> {
  const env: Record<string, string> = {};
  const self = partyOf(spec);
  if (spec.exchange && self) env["EXCHANGE_EXPORT_BUCKET"] = exportBucketName(self);
  for (const exporter of links.importsFrom) env[importEnvName(exporter.tenantId)] = exportBucketName(exporter);
  return env;
}
