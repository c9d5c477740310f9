/**
 * The smoke app's AWS calls against what the canary's instance role is granted: the canary is
 * planned from a tenant file with mail (samples/roadiz.yaml), and every SES call the health
 * check makes (acceptance/app/src/checks.mjs) must be allowed on the tenant's identity, without a
 * condition the call cannot meet.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { canaryStages } from "../../tools/acceptance/canary";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

/** IAM action prefix of each AWS SDK v3 client package the app imports (service authorization reference). */
const IAM_PREFIX: Readonly<Record<string, string>> = { sesv2: "ses", sqs: "sqs", s3: "s3" };

/** The IAM actions of the commands the app imports, by client (`const { XClient, GetYCommand } = await import("@aws-sdk/client-z")`). */
function appActions(source: string): string[] {
  const actions: string[] = [];
  for (const match of source.matchAll(/const \{([^}]+)\} = await import\("@aws-sdk\/client-([a-z0-9]+)"\)/g)) {
    const prefix = IAM_PREFIX[match[2]!] ?? `unknown-${match[2]}`;
    for (const name of match[1]!.split(",").map((n) => n.trim())) if (name.endsWith("Command")) actions.push(`${prefix}:${name.replace(/Command$/, "")}`);
  }
  return actions;
}

interface Statement { Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: unknown }

describe("smoke app permissions", () => {
  const source = readFileSync("acceptance/app/src/checks.mjs", "utf8");

  it("reads the commands of each client the app imports", () => {
    expect(appActions(source)).toEqual(expect.arrayContaining(["ses:GetEmailIdentity", "sqs:SendMessage", "s3:PutObject"]));
  });

  it("the canary's role may make every SES call of the mail check, on the tenant's identity", async () => {
    const stages = canaryStages("samples/roadiz.yaml", { id: "acc-mail1", zone: "sandbox.example", zoneId: "0123456789abcdef0123456789abcdef", image: "ghcr.io/acme/smoke:1.0" });
    expect(stages.base.spec.mail).toBeDefined();
    const plan = await planYaml("acc-mail1", stages.base.text);
    const [identity] = ofType(plan, "aws:sesv2/emailIdentity:EmailIdentity");
    const onIdentity = (resource: string) => /^arn:aws:ses:[a-z0-9-]+:\d{12}:identity\//.test(resource) && resource.endsWith(`:identity/${String(identity!.inputs["emailIdentity"])}`);
    const statements = ofType(plan, "aws:iam/rolePolicy:RolePolicy")
      .flatMap((p) => (JSON.parse(p.inputs["policy"] as string) as { Statement: Statement[] }).Statement);
    const allows = (action: string) => statements.some((s) => s.Effect === "Allow" && s.Condition === undefined
      && [s.Action].flat().some((a) => a === action || a === "ses:*")
      && [s.Resource].flat().some(onIdentity));
    const ses = appActions(source).filter((a) => a.startsWith("ses:"));
    expect(ses).toEqual(["ses:GetEmailIdentity"]);
    expect(ses.filter((a) => !allows(a))).toEqual([]);
  });
});
