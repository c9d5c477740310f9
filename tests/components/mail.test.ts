/**
 * The Mail component on its own: what its doc comments promise (components/mail/mail.ts): an SES
 * domain identity with 2048-bit Easy DKIM in the given region, a custom MAIL FROM domain, the
 * DKIM, MX, SPF and DMARC records in the given zone (DNS only, never proxied), and a sending
 * permission for the given role limited to this identity and the allowed addresses.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DKIM_TOKEN_COUNT, Mail, type MailArgs } from "../../components/mail";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, childrenOfType, conventionViolations } from "./conventions";

const ZONE_ID = "0c92848f8d4fcf60a6e2c40e500e3e9c";
const RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const SENDER = "aws:iam/rolePolicy:RolePolicy";
const ARGS: MailArgs = { domain: "shop.example", zoneId: ZONE_ID, region: "eu-central-1", senderRoleName: "shop-instances-0a1b2c3" };
const IDENTITY_ARN = "arn:aws:ses:eu-central-1:123456789012:identity/shop.example";

const planMail = (args: MailArgs) => planComponent(({ opts }) => new Mail("shop", args, opts));

interface Statement { Sid: string; Action: string[]; Resource: string; Condition?: Record<string, Record<string, unknown>> }
const senderStatements = (plan: ComponentPlan): Statement[] =>
  (JSON.parse(child(plan, SENDER, "shop-mail-sender").inputs["policy"] as string) as { Statement: Statement[] }).Statement;
/** The records by the key they are named with (`shop-mail-<key>`). */
const records = (plan: ComponentPlan) => new Map([...childrenOfType(plan, RECORD)].map(([name, r]) => [name.replace("shop-mail-", ""), r.inputs]));

let plan: ComponentPlan;
let strict: ComponentPlan;
beforeAll(async () => {
  plan = await planMail(ARGS);
  strict = await planMail({
    // SES in another region than the provider's: the identity and the MAIL FROM MX follow the args.
    domain: "shop.example", zoneId: ZONE_ID, region: "eu-west-1", mailFromSubdomain: "mail",
    dmarc: { policy: "reject", reportEmail: "dmarc@shop.example" }, senderRoleName: "shop-instances-0a1b2c3", fromLocalParts: ["noreply", "billing"],
  });
});

describe("Mail, alone", () => {
  it("keeps the component conventions: children below it on the given AWS and Cloudflare providers, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, { type: "tenant-platform:mail:Mail", name: "shop", outputs: ["identityArn", "mailFromDomain"] })).toEqual([]);
    expect(plan.componentOutputs).toEqual({ identityArn: IDENTITY_ARN, mailFromDomain: "bounce.shop.example" });
  });

  it("verifies the domain in the given region with 2048-bit Easy DKIM and a MAIL FROM domain under it (bounce by default)", () => {
    expect(child(plan, "aws:sesv2/emailIdentity:EmailIdentity", "shop-mail").inputs).toMatchObject({
      region: "eu-central-1", emailIdentity: "shop.example", dkimSigningAttributes: { nextSigningKeyLength: "RSA_2048_BIT" },
    });
    expect(child(plan, "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes", "shop-mail").inputs).toMatchObject({
      region: "eu-central-1", emailIdentity: "shop.example", mailFromDomain: "bounce.shop.example", behaviorOnMxFailure: "USE_DEFAULT_VALUE",
    });
    expect(strict.componentOutputs["mailFromDomain"]).toBe("mail.shop.example");
    expect(child(strict, "aws:sesv2/emailIdentity:EmailIdentity", "shop-mail").inputs["region"]).toBe("eu-west-1");
    expect(child(strict, "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes", "shop-mail").inputs).toMatchObject({ region: "eu-west-1", mailFromDomain: "mail.shop.example" });
  });

  it("publishes one CNAME per DKIM token SES gives, MAIL FROM's MX and SPF in the SES region, and DMARC (reports only by default)", () => {
    const byKey = records(plan);
    expect([...byKey.keys()].sort()).toEqual(["dkim-1", "dkim-2", "dkim-3", "dmarc", "from-mx", "from-spf"]);
    expect(DKIM_TOKEN_COUNT).toBe(3);
    const tokens = [1, 2, 3].map((i) => String(byKey.get(`dkim-${i}`)!["name"]).replace("._domainkey.shop.example", ""));
    expect(new Set(tokens).size).toBe(3);
    for (const [i, token] of tokens.entries()) {
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      expect(byKey.get(`dkim-${i + 1}`)).toMatchObject({ type: "CNAME", content: `${token}.dkim.amazonses.com` });
    }
    expect(byKey.get("from-mx")).toMatchObject({ type: "MX", name: "bounce.shop.example", content: "feedback-smtp.eu-central-1.amazonses.com", priority: 10 });
    expect(byKey.get("from-spf")).toMatchObject({ type: "TXT", name: "bounce.shop.example", content: "v=spf1 include:amazonses.com ~all" });
    expect(byKey.get("dmarc")).toMatchObject({ type: "TXT", name: "_dmarc.shop.example", content: "v=DMARC1; p=none; adkim=r; aspf=r" });
    // Mail records are never proxied (Cloudflare proxies HTTP only), in the given zone.
    for (const [key, inputs] of byKey) expect(inputs, key).toMatchObject({ zoneId: ZONE_ID, proxied: false, ttl: 3600 });
  });

  it("publishes the given DMARC policy with its report address, and the given MAIL FROM label", () => {
    const byKey = records(strict);
    expect(byKey.get("dmarc")!["content"]).toBe("v=DMARC1; p=reject; rua=mailto:dmarc@shop.example; adkim=r; aspf=r");
    expect(byKey.get("from-mx")).toMatchObject({ name: "mail.shop.example", content: "feedback-smtp.eu-west-1.amazonses.com" });
  });

  it("lets the sender role send through this identity only: as any address of the domain, or as the given local parts", () => {
    expect(child(plan, SENDER, "shop-mail-sender").inputs["role"]).toBe("shop-instances-0a1b2c3");
    const [send, read] = senderStatements(plan);
    expect(send).toEqual({
      Sid: "SendAsTenantDomain", Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: IDENTITY_ARN,
      Condition: { StringLike: { "ses:FromAddress": ["*@shop.example"] } },
    });
    expect(read).toEqual({ Sid: "ReadTenantIdentity", Effect: "Allow", Action: ["ses:GetEmailIdentity"], Resource: IDENTITY_ARN });
    expect(senderStatements(strict)[0]!.Condition).toEqual({ StringLike: { "ses:FromAddress": ["noreply@shop.example", "billing@shop.example"] } });
    // An identity in another region than the provider's has that region's ARN.
    expect(senderStatements(strict)[0]!.Resource).toBe("arn:aws:ses:eu-west-1:123456789012:identity/shop.example");
  });

  it("grants nobody without a sender role", async () => {
    const unsent = await planMail({ domain: ARGS.domain, zoneId: ZONE_ID, region: ARGS.region });
    expect(childrenOfType(unsent, SENDER).size).toBe(0);
    expect(childrenOfType(unsent, RECORD).size).toBe(6);
  });
});
