import type * as pulumi from "@pulumi/pulumi";

/** Where the data tier (database, cache) runs and who reaches it: the same for each of its components. */
export interface DataTierPlacement {
  /** The tenant's VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** The isolated subnets (no route out of the VPC). */
  readonly subnetIds: pulumi.Input<string>[];
  /** The only clients admitted: the web tier's instances. */
  readonly clientSecurityGroupIds: pulumi.Input<string>[];
  /** The tenant key, for data at rest and the secrets. */
  readonly kmsKeyArn: pulumi.Input<string>;
}
