/**
 * The Pulumi program of one tenant stack, as a function so that `pulumi up` (through index.ts)
 * and the offline plan run exactly the same code.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { createProviders } from "./providers";
import { loadTenantFile, type LoadResult, type LoadedTenant } from "../tenant-schema/load-tenant";
import { formatIssues } from "../tenant-schema/spec-issue";
import { fleetConflicts, listTenantIds, loadFleet, scanTenantFolder } from "../tenant-schema/tenant-files";
import { Tenant } from "./tenant/tenant";
import { resolveZones } from "./tenant/zones";
import { exchangeLinks } from "./tenant/exchange-links";
import { checkZonePlan, preflightEdge } from "./tenant/edge-preflight-step";
import { readDeployedStack } from "./tenant/stack-state";
import { sampleHint } from "../tenant-schema/samples";
import { CONFIG_KEYS, DEFAULT_TENANTS_DIR } from "./program-config";
import { PROVIDER_ROLE_NAME_ENV } from "./provider-role";

export interface ProgramContext {
  /** Stack name = tenant id. */
  readonly stack: string;
  /** Folder of tenant files. */
  readonly tenantsDir: string;
  /** Cloudflare API token (secret), if configured. */
  readonly cloudflareApiToken?: pulumi.Output<string>;
  /**
   * The tenant files of `tenantsDir`, already loaded and validated (the offline plan of a whole
   * fleet passes them so that no file is read and validated again per tenant). @default undefined
   * (the program reads the folder)
   */
  readonly fleet?: readonly LoadedTenant[];
  /**
   * Read an existing zone through Cloudflare's API before building the edge (the edge
   * preflight), when a token is configured. @default false (the offline plan never calls out)
   */
  readonly preflightEdge?: boolean;
  /**
   * The reader role the tenant's AWS provider assumes in place of `aws.deployRoleArn`
   * (program/provider-role.ts). @default the deploy role
   */
  readonly providerRoleName?: string;
}

/** The stack output `nextStep` while a created zone waits for its cutover (docs/runbooks/dns-cutover.md, cases A and B). */
export const CUTOVER_NEXT_STEP =
  "HTTPS is served with a Cloudflare Origin CA certificate until the cutover. Next (docs/runbooks/dns-cutover.md): " +
  "change the name servers as cutoverNote says; when `npm run edge:preflight -- <tenant> --zone-id <zoneId>` shows the zone active " +
  "(and, with edge.currentOrigin, an active edge certificate), set edge.delegated: true and deploy again: " +
  "that deploy requests ACM's certificate, validates it through the zone and puts it on the load balancer " +
  "(with edge.currentOrigin, it moves the web hostnames to the load balancer first, still on the Origin CA certificate, and the deploy after it requests ACM's).";

/** The stack output `nextStep` while an existing zone's live site is still served by its current hosting (docs/runbooks/dns-cutover.md, case C). */
export const TAKEOVER_NEXT_STEP =
  "The web hostnames keep the zone's records (the current hosting) and the load balancer serves a Cloudflare Origin CA certificate. Next (docs/runbooks/dns-cutover.md, case C): " +
  "when `npm run edge:preflight -- <tenant>` shows the zone active and its edge certificate active, remove edge.currentOrigin and deploy again: " +
  "the records change in place to the load balancer, proxied, right after its HTTPS listener, which keeps the Origin CA certificate; the deploy after that requests ACM's.";

/**
 * The stack output `nextStep` of the deploy that moves the web hostnames from the current hosting to the load balancer (docs/runbooks/dns-cutover.md, cases B and C).
 * A certificate ACM refused stays refused: the validation fails at once on `FAILED`
 * (terraform-provider-aws internal/service/acm/certificate_validation.go `waitCertificateIssued`,
 * Pending only `PENDING_VALIDATION`), and the certificate stays in state; `--replace` requests a
 * new one (created before the failed one is deleted, the engine's default replacement order).
 */
export const MOVED_NEXT_STEP =
  "The web hostnames move to the load balancer in this deploy, proxied; its HTTPS listener keeps the Cloudflare Origin CA certificate. Next (docs/runbooks/dns-cutover.md): " +
  "deploy again, with no change to the tenant file: that deploy requests ACM's certificate, validates it through the zone and puts it on the load balancer " +
  "(if the preflight lists CAA records, add the record it names first; if ACM refused the certificate, fix the cause, then " +
  "`pulumi up --replace <urn of <tenant>-certificate>` requests a new one: a failed request stays failed).";

export { CONFIG_KEYS } from "./program-config";

/** The program's context from the stack and its config, as `pulumi up` runs it. */
export function contextFromStack(): ProgramContext {
  const config = new pulumi.Config();
  return {
    stack: pulumi.getStack(),
    tenantsDir: config.get(CONFIG_KEYS.tenantsDir) ?? DEFAULT_TENANTS_DIR,
    cloudflareApiToken: config.getSecret(CONFIG_KEYS.cloudflareApiToken),
    preflightEdge: true,
    providerRoleName: process.env[PROVIDER_ROLE_NAME_ENV],
  };
}

/**
 * Loads the stack's tenant file (refusing with positioned errors, or with the list of known
 * tenants when none matches), checks it against the rest of the fleet, builds the providers and
 * the Tenant, and returns the stack outputs.
 */
/** The tenant files of the folder; entries that are not tenant files stop the deployment. */
function tenantFolderFiles(dir: string): string[] {
  const scan = scanTenantFolder(dir);
  if (scan.issues.length > 0) throw new pulumi.RunError(`the tenant folder holds entries that are not tenant files:\n${formatIssues(scan.issues)}`);
  return scan.files;
}

export async function tenantProgram(context: ProgramContext): Promise<Record<string, unknown>> {
  const file = path.join(context.tenantsDir, `${context.stack}.yaml`);
  const preloaded = context.fleet?.find((tenant) => path.resolve(tenant.file) === path.resolve(file));
  const loaded: LoadResult = preloaded ? { ok: true, tenant: preloaded } : loadTenantFile(file);
  if (!loaded.ok) {
    const missing = loaded.issues.length === 1 && loaded.issues[0]!.message === "no such file";
    if (missing) {
      const known = listTenantIds(context.tenantsDir);
      throw new pulumi.RunError(
        `stack "${context.stack}" has no tenant file ${file}; the stack name is the tenant id. ` +
          `Known tenants: ${known.length > 0 ? known.join(", ") : `none in ${context.tenantsDir}`}.${sampleHint(context.stack, context.tenantsDir)}`,
      );
    }
    throw new pulumi.RunError(`invalid tenant file:\n${formatIssues(loaded.issues)}`);
  }
  const others = context.fleet
    ? context.fleet.filter((tenant) => path.resolve(tenant.file) !== path.resolve(file))
    : loadFleet(tenantFolderFiles(context.tenantsDir).filter((f) => path.resolve(f) !== path.resolve(file))).tenants;
  const conflicts = fleetConflicts(loaded.tenant, others);
  if (conflicts.length > 0) {
    throw new pulumi.RunError(`tenant ${context.stack} conflicts with the fleet:\n${formatIssues(conflicts)}`);
  }

  const spec = loaded.tenant.spec;
  const providers = createProviders(spec, { cloudflareApiToken: context.cloudflareApiToken, roleName: context.providerRoleName });
  const availabilityZones = await resolveZones(spec, providers.aws);
  const exchange = exchangeLinks(spec, others.map((other) => other.spec));
  await checkZonePlan(loaded.tenant, providers.cloudflare);
  // A deploy reads its own last state: what it must never import again, and whether its web
  // records still serve the current hosting (the offline plan has no state to read).
  const deployed = context.preflightEdge ? await readDeployedStack() : undefined;
  const adopt = context.preflightEdge
    ? await preflightEdge(loaded.tenant, { token: context.cloudflareApiToken, env: process.env, deployed })
    : {};
  const tenant = new Tenant({ spec, availabilityZones, exchange, ...adopt, webRecordsOnCurrentHosting: deployed?.webRecordsOnCurrentHosting },
    { providers: [providers.aws, providers.cloudflare, providers.random, providers.tls] });

  return {
    tenantId: spec.id,
    region: spec.aws.region,
    availabilityZones,
    vpcId: tenant.network.vpcId,
    publicSubnetIds: tenant.network.publicSubnetIds,
    privateSubnetIds: tenant.network.privateSubnetIds,
    isolatedSubnetIds: tenant.network.isolatedSubnetIds,
    natPublicIps: tenant.network.natPublicIps,
    kmsKeyArn: tenant.key.keyArn,
    ...(tenant.web ? { loadBalancerDnsName: tenant.web.loadBalancerDnsName } : {}),
    ...(tenant.database
      ? {
          databaseEndpoint: tenant.database.endpoint,
          databaseReaderAddresses: tenant.database.replicaAddresses,
          databaseSecretArn: tenant.database.masterSecretArn,
        }
      : {}),
    ...(tenant.cache ? { cacheEndpoint: tenant.cache.primaryEndpoint, cacheAuthSecretArn: tenant.cache.authTokenSecretArn } : {}),
    ...(tenant.backup ? { backupBucket: tenant.backup.bucketName, backupVaultArn: tenant.backup.vault.arn } : {}),
    ...(tenant.media ? { mediaBucket: tenant.media.bucketName, mediaBaseUrl: tenant.media.baseUrl } : {}),
    ...(tenant.mail ? { mailIdentityArn: tenant.mail.identityArn, mailFromDomain: tenant.mail.mailFromDomain } : {}),
    ...(tenant.exportLocation ? { exchangeBucket: tenant.exportLocation.bucketName } : {}),
    ...(tenant.monitoring ? { alertTopicArn: tenant.monitoring.topic.arn, dashboard: tenant.monitoring.dashboardName } : {}),
    zone: spec.edge.zone,
    zoneId: tenant.edge.zoneId,
    nameServers: tenant.edge.nameServers,
    cutoverNote: tenant.edge.cutoverNote,
    ...(tenant.edge.awaitingDelegation && tenant.web
      ? { nextStep: spec.edge.zoneId === undefined ? CUTOVER_NEXT_STEP : TAKEOVER_NEXT_STEP }
      : {}),
    ...(tenant.edge.acmRequestedNextDeploy ? { nextStep: MOVED_NEXT_STEP } : {}),
    hostnames: tenant.hostnames,
  };
}
