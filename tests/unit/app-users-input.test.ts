/**
 * The invocation's input, as the deploy sends it to the users function: the offline plan shows it
 * masked (a secret), so the component runs here under Pulumi's runtime mocks, which see it whole.
 */
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { APP_USERS_DEFAULTS, AppUsers } from "../../components/database";
import type { AppUsersEvent } from "../../components/database/app-users-function";

async function invocationInput(allowOpenSessions: boolean): Promise<AppUsersEvent> {
  let input: unknown;
  await pulumi.runtime.setMocks({
    call: () => ({}),
    newResource: (args) => {
      if (args.type === "aws:lambda/invocation:Invocation") input = args.inputs["input"];
      return { id: `${args.name}-id`, state: args.type === "random:index/randomPassword:RandomPassword" ? { ...args.inputs, result: `${args.name}-password-0123456789` } : args.inputs };
    },
  }, "tenant-platform", "acme", false);
  const users = new AppUsers("acme-db-app", {
    ...APP_USERS_DEFAULTS,
    engine: "postgres", address: "acme-db.example", port: 5432, databaseName: "app", masterUsername: "app_admin", masterPassword: pulumi.secret("master-password-0123456789"),
    databaseSecurityGroupId: "sg-db", vpcId: "vpc-1", subnetIds: ["subnet-1"], kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/1", functionName: "acme-db-app-users",
    allowOpenSessions,
  });
  await new Promise<void>((resolve) => users.secretArn.apply(() => resolve()));
  // The mocks see a secret input as { value } (its secret marker aside).
  const raw = typeof input === "string" ? input : (input as { value: string }).value;
  return JSON.parse(raw) as AppUsersEvent;
}

describe("the users function's input", () => {
  it("allows rotating with open sessions only when asked, and otherwise stays as it was (no re-invocation for existing tenants)", async () => {
    expect(await invocationInput(true)).toMatchObject({ allowOpenSessions: true, current: { username: "app_a" } });
    expect(Object.keys(await invocationInput(false))).toEqual(["engine", "host", "port", "database", "master", "users", "ownerRole", "current"]);
  });
});
