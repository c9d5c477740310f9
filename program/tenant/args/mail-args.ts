/** The tenant file → the arguments of its Mail. */
import type * as pulumi from "@pulumi/pulumi";
import type { MailArgs } from "../../../components/mail";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";

/** What mail takes from the edge and the web tier. */
export interface MailInputs {
  /** The zone its DNS records go into. */
  readonly zoneId: pulumi.Input<string>;
  /** The instances' role, which sends (none without a web tier). */
  readonly senderRoleName?: pulumi.Input<string>;
}

/** SES for the zone (`edge.zone`) of the `mail` section, in the tenant's region; none without it. */
export function mailArgs(spec: TenantSpec, inputs: MailInputs): MailArgs | undefined {
  const { mail } = spec;
  if (!mail) return undefined;
  return {
    domain: spec.edge.zone,
    zoneId: inputs.zoneId,
    region: spec.aws.region,
    mailFromSubdomain: mail.mailFromSubdomain,
    dmarc: mail.dmarc,
    fromLocalParts: mail.fromAddresses,
    senderRoleName: inputs.senderRoleName,
  };
}
