/**
 * Secret inputs in the update simulation. The engine compares a secret by the value it wraps
 * (pulumi/pulumi sdk/go/common/resource/properties_diff.go, `DeepEquals`); the plan masks every
 * secret, and records beside each mask a digest keyed for the run (tools/plan/wire-values.ts),
 * which the simulation compares. The programs run through the offline plan's recording monitor,
 * so the secrets arrive in the SDK's wire form.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../policies/plan-types";
import { planProgram } from "../../tools/plan/run-plan";
import { simulateUpdate } from "../../tools/plan/update-simulation";

/** A stack with one secret version holding `value` as a secret, and a parameter holding `parameter` as a secret. */
const program = (value: string, parameter = "kept") => () => {
  const provider = new aws.Provider("aws", { region: "eu-central-1" });
  const secret = new aws.secretsmanager.Secret("app", { name: "acme/app" }, { provider });
  new aws.secretsmanager.SecretVersion("app", { secretId: secret.id, secretString: pulumi.secret(value) }, { provider });
  new aws.ssm.Parameter("token", { name: "/acme/token", type: "SecureString", value: pulumi.secret(parameter) }, { provider });
  return Promise.resolve({});
};

const changes = async (before: () => Promise<Record<string, unknown>>, after: () => Promise<Record<string, unknown>>) =>
  simulateUpdate(await planProgram("acme", before), await planProgram("acme", after)).changes.map((c) => ({ step: c.step, name: `${c.type} ${c.name}`, fields: c.fields, values: c.values }));

describe("a secret input in the update simulation", () => {
  it("is recorded masked, with no value and no digest in what the plan writes", async () => {
    const plan = await planProgram("acme", program("password-1"));
    const version = plan.resources.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion")!;
    expect(version.inputs["secretString"]).toBe(SECRET_MASK);
    expect(JSON.stringify(plan.resources)).not.toContain("password-1");
    expect(plan.secretDigests?.[version.urn]?.["secretString"]).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(plan.resources)).not.toContain(plan.secretDigests![version.urn]!["secretString"]);
  });

  it("that changes replaces or updates its resource as the provider decides", async () => {
    expect(await changes(program("password-1"), program("password-2"))).toEqual([
      // secret_string is ForceNew (replace-forcing.ts).
      { step: "replace", name: "aws:secretsmanager/secretVersion:SecretVersion app", fields: ["secretString"], values: [{ field: "secretString", before: SECRET_MASK, after: SECRET_MASK }] },
    ]);
    expect(await changes(program("password-1", "token-1"), program("password-1", "token-2"))).toEqual([
      { step: "update", name: "aws:ssm/parameter:Parameter token", fields: ["value"], values: [{ field: "value", before: SECRET_MASK, after: SECRET_MASK }] },
    ]);
  });

  it("that stays the same changes nothing", async () => {
    expect(await changes(program("password-1"), program("password-1"))).toEqual([]);
  });
});
