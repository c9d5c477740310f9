/** The tenant file → the arguments of its Network. */
import type * as pulumi from "@pulumi/pulumi";
import type { NetworkArgs } from "../../../components/network";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";
import { interfaceEndpointsFor } from "../endpoints";

/** What the network takes from outside the `network` section. */
export interface NetworkInputs {
  /** Zone names the network spans (the file's names, or its count resolved by the program). */
  readonly availabilityZones: string[];
  /** The tenant key, which encrypts the flow log group. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Boundary of the flow logs' role. */
  readonly permissionsBoundary: pulumi.Input<string>;
}

/** The VPC in the file's block and zones, its NAT strategy, flow logs and the endpoints its instances need. */
export function networkArgs(spec: TenantSpec, inputs: NetworkInputs): NetworkArgs {
  return {
    cidrBlock: spec.network.cidr,
    availabilityZones: inputs.availabilityZones,
    nat: spec.network.nat,
    flowLogs: { retentionInDays: spec.network.flowLogs.retentionDays, kmsKeyArn: inputs.kmsKeyArn },
    interfaceEndpoints: interfaceEndpointsFor(spec),
    permissionsBoundary: inputs.permissionsBoundary,
  };
}
