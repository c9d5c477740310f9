import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { platformComment } from "../shared/record-comment";
import { MAIL_DEFAULTS } from "./defaults";
import { dkimRecord, dmarcRecord, mailFromRecords, sendPolicy, type DmarcPolicy, type MailRecord } from "./mail-records";

/** Easy DKIM always gives three tokens. */
export const DKIM_TOKEN_COUNT = 3;

/** Arguments of {@link Mail}. */
export interface MailArgs {
  /** Sending domain (the tenant's zone apex). */
  domain: string;
  /** Cloudflare zone the records go to. */
  zoneId: pulumi.Input<string>;
  /** SES region (also the MAIL FROM MX's region). */
  region: string;
  /** Label under `domain` used as the MAIL FROM domain. @default "bounce" */
  mailFromSubdomain?: string;
  /** DMARC policy published for `domain`. @default { policy: "none" } (reports only) */
  dmarc?: DmarcPolicy;
  /** Role (name) allowed to send: the app's. @default none */
  senderRoleName?: pulumi.Input<string>;
  /** Local parts the sender may use. @default [] (any address of the domain) */
  fromLocalParts?: string[];
  /** Tags for the identity. @default {} */
  tags?: Record<string, string>;
}

/**
 * Transactional mail through Amazon SES: a domain identity with Easy DKIM (2048-bit), a custom
 * MAIL FROM domain with its MX and SPF, the domain's DMARC record, all published in the tenant's
 * Cloudflare zone (DNS only, never proxied), and a sending permission for the app role limited
 * to this identity and domain. New SES accounts start in the sandbox: production access is a
 * one-time request per account and region (see docs/runbooks).
 */
export class Mail extends pulumi.ComponentResource {
  public readonly identity: aws.sesv2.EmailIdentity;
  public readonly identityArn: pulumi.Output<string>;
  public readonly mailFromDomain: string;

  constructor(name: string, args: MailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:mail:Mail", name, {}, opts);
    const parent = { parent: this };
    const { domain, region } = args;
    this.mailFromDomain = `${args.mailFromSubdomain ?? MAIL_DEFAULTS.mailFromSubdomain}.${domain}`;

    this.identity = new aws.sesv2.EmailIdentity(`${name}-mail`, {
      region,
      emailIdentity: domain,
      dkimSigningAttributes: { nextSigningKeyLength: "RSA_2048_BIT" },
      tags: args.tags,
    }, parent);
    this.identityArn = this.identity.arn;
    new aws.sesv2.EmailIdentityMailFromAttributes(`${name}-mail`, {
      region,
      emailIdentity: this.identity.emailIdentity,
      mailFromDomain: this.mailFromDomain,
      behaviorOnMxFailure: "USE_DEFAULT_VALUE",
    }, parent);

    const publish = (key: string, record: pulumi.Input<MailRecord>) => {
      const output = pulumi.output(record);
      new cloudflare.DnsRecord(`${name}-mail-${key}`, {
        zoneId: args.zoneId,
        name: output.name,
        type: output.type,
        content: output.content,
        priority: output.priority,
        proxied: false,
        ttl: 3600,
        comment: platformComment("Transactional mail (SES)"),
      }, parent);
    };
    const tokens = this.identity.dkimSigningAttributes.apply((attributes) => attributes.tokens);
    for (let i = 0; i < DKIM_TOKEN_COUNT; i++) {
      publish(`dkim-${i + 1}`, tokens.apply((all) => {
        const token = all[i];
        if (token === undefined) throw new Error(`SES gave ${all.length} DKIM tokens for ${domain}; expected ${DKIM_TOKEN_COUNT}`);
        return dkimRecord(domain, token);
      }));
    }
    const [mx, spf] = mailFromRecords(this.mailFromDomain, region);
    publish("from-mx", mx!);
    publish("from-spf", spf!);
    publish("dmarc", dmarcRecord(domain, args.dmarc ?? MAIL_DEFAULTS.dmarc));

    if (args.senderRoleName !== undefined) {
      new aws.iam.RolePolicy(`${name}-mail-sender`, {
        role: args.senderRoleName,
        policy: this.identity.arn.apply((arn) => JSON.stringify(sendPolicy(arn, domain, args.fromLocalParts ?? []))),
      }, parent);
    }
    this.registerOutputs({ identityArn: this.identityArn, mailFromDomain: this.mailFromDomain });
  }
}
