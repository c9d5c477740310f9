import * as pulumi from "@pulumi/pulumi";
import { Network } from "../../components/network";
import { TenantKey } from "../../components/tenant-key";
import { WebTier } from "../../components/web-tier";
import { qualifyHostname } from "../spec/sections/edge";
import type { TenantSpec } from "../spec/tenant-schema";
import { interfaceEndpointsFor } from "./endpoints";

/** Arguments of {@link Tenant}. */
export interface TenantArgs {
  /** The validated tenant file. */
  spec: TenantSpec;
  /** Availability zone names the network spans (the file's names, or its count resolved). */
  availabilityZones: string[];
}

/**
 * One tenant: the only code that reads a {@link TenantSpec}. It maps the file's sections to the
 * arguments of the reusable components and composes them. Providers arrive through `opts`.
 */
export class Tenant extends pulumi.ComponentResource {
  public readonly key: TenantKey;
  public readonly network: Network;
  public readonly web?: WebTier;
  /** Fully qualified web hostnames. */
  public readonly hostnames: string[];

  constructor(args: TenantArgs, opts?: pulumi.ComponentResourceOptions) {
    const { spec } = args;
    super("tenant-platform:tenant:Tenant", spec.id, {}, opts);
    const parent = { parent: this };

    this.key = new TenantKey(spec.id, { alias: `tenant/${spec.id}`, region: spec.aws.region }, parent);

    this.network = new Network(spec.id, {
      cidrBlock: spec.network.cidr,
      availabilityZones: args.availabilityZones,
      nat: spec.network.nat,
      flowLogs: { retentionInDays: spec.network.flowLogs.retentionDays, kmsKeyArn: this.key.keyArn },
      interfaceEndpoints: interfaceEndpointsFor(spec),
    }, parent);

    const web = spec.web;
    if (web) {
      this.web = new WebTier(spec.id, {
        vpcId: this.network.vpcId,
        vpcCidrBlock: spec.network.cidr,
        publicSubnetIds: this.network.publicSubnetIds,
        privateSubnetIds: this.network.privateSubnetIds,
        region: spec.aws.region,
        instanceType: web.instanceType,
        architecture: web.architecture,
        app: web.app,
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
        healthCheck: web.healthCheck,
        loadBalancer: web.loadBalancer,
        workers: web.workers,
        rootVolumeGiB: web.rootVolumeGiB,
        kmsKeyArn: this.key.keyArn,
        logGroupPrefix: `/tenant/${spec.id}`,
        logRetentionDays: web.logRetentionDays,
      }, parent);
    }

    this.hostnames = spec.edge.hostnames.map((hostname) => qualifyHostname(hostname, spec.edge.zone));

    this.registerOutputs({
      hostnames: this.hostnames,
      vpcId: this.network.vpcId,
      keyArn: this.key.keyArn,
      loadBalancerDnsName: this.web?.loadBalancerDnsName,
    });
  }
}
