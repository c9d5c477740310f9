/** The tenant file → the arguments of its WebTier. */
import type * as pulumi from "@pulumi/pulumi";
import { appRoleTags } from "../../../components/data-exchange/exchange-names";
import { WEB_TIER_DEFAULTS, type WebTierArgs } from "../../../components/web-tier";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";
import { tenantTags } from "../../providers";

/** What the web tier takes from outside the `web` section. */
export interface WebTierInputs {
  /** The tenant's VPC and the subnets of the load balancer (public) and the instances (private). */
  readonly network: {
    readonly vpcId: pulumi.Input<string>;
    readonly publicSubnetIds: pulumi.Input<string>[];
    readonly privateSubnetIds: pulumi.Input<string>[];
  };
  /** The edge's origin certificate (used without the file's own `certificateArn`) and origin-pull CA. */
  readonly edge: {
    readonly certificateArn?: pulumi.Input<string>;
    readonly originPullCaPem?: pulumi.Input<string>;
    readonly originPullSettings?: pulumi.Resource;
  };
  /** The app's variables and secret references naming the data tier, media, mail and exchange. */
  readonly connectionEnv: WebTierArgs["connectionEnv"];
  readonly connectionSecrets: WebTierArgs["connectionSecrets"];
  /** The tenant key. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Boundary of the instances' role. */
  readonly permissionsBoundary: pulumi.Input<string>;
}

/**
 * The instances, load balancer and workers of the `web` section; none without it. Logs go to
 * `/tenant/<id>/…`; the instances' role carries the app-role tags the exchange partners' policies
 * name, and what the group launches carries the tenant's tags.
 */
export function webTierArgs(spec: TenantSpec, inputs: WebTierInputs): WebTierArgs | undefined {
  const { web } = spec;
  if (!web) return undefined;
  return {
    vpcId: inputs.network.vpcId,
    vpcCidrBlock: spec.network.cidr,
    publicSubnetIds: inputs.network.publicSubnetIds,
    privateSubnetIds: inputs.network.privateSubnetIds,
    region: spec.aws.region,
    instanceType: web.instanceType,
    architecture: web.architecture,
    imageId: web.amiId,
    app: web.app,
    connectionEnv: inputs.connectionEnv,
    connectionSecrets: inputs.connectionSecrets,
    scaling: {
      min: web.scaling.min,
      max: web.scaling.max,
      desired: web.scaling.desired,
      scaleIn: web.scaling.scaleIn,
      cpuTarget: web.scaling.cpuTarget,
      requestsPerTarget: web.scaling.requestsPerTarget,
      warmupSeconds: web.scaling.warmupSeconds,
      schedules: web.scaling.schedules.map((s) => ({
        name: s.name, recurrence: s.cron, min: s.min, max: s.max, desired: s.desired, timeZone: s.timeZone,
      })),
    },
    // The tenant file sets the path and the grace period; every tenant gets the same checks otherwise.
    healthCheck: { ...WEB_TIER_DEFAULTS.healthCheck, ...web.healthCheck },
    loadBalancer: {
      ...web.loadBalancer,
      deletionReason: spec.offboarding?.reason,
      certificateArn: web.loadBalancer.certificateArn ?? inputs.edge.certificateArn,
      clientCaPem: inputs.edge.originPullCaPem,
      clientCaDependsOn: inputs.edge.originPullSettings ? [inputs.edge.originPullSettings] : [],
    },
    workers: web.workers,
    rootVolumeGiB: web.rootVolumeGiB,
    kmsKeyArn: inputs.kmsKeyArn,
    logGroupPrefix: `/tenant/${spec.id}`,
    logRetentionDays: web.logRetentionDays,
    detailedMonitoring: WEB_TIER_DEFAULTS.detailedMonitoring,
    instanceRoleTags: appRoleTags(spec.id),
    launchedTags: tenantTags(spec),
    permissionsBoundary: inputs.permissionsBoundary,
  };
}
