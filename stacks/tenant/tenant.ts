import * as pulumi from "@pulumi/pulumi";
import { Network } from "../../components/network";
import { TenantKey } from "../../components/tenant-key";
import { qualifyHostname } from "../spec/sections/edge";
import type { TenantSpec } from "../spec/tenant-schema";

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
    }, parent);

    this.hostnames = spec.edge.hostnames.map((hostname) => qualifyHostname(hostname, spec.edge.zone));

    this.registerOutputs({ hostnames: this.hostnames, vpcId: this.network.vpcId, keyArn: this.key.keyArn });
  }
}
