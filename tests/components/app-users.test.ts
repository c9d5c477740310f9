/**
 * The AppUsers component on its own: what its doc comments promise
 * (components/database/app-users.ts): a function in the given subnets whose only way out is the
 * database's port, with a role carrying the VPC-access managed policy only and its own encrypted
 * log group; invoked with the master credentials as a secret, before the application secret's
 * version is written; a rotation draws the other user's password only and creates the function
 * anew. It refuses a rotation that is not a whole number from 0.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { APP_USERS_DEFAULTS, AppUsers, type AppUsersArgs } from "../../components/database";
import { SECRET_MASK } from "../../policies/plan-types";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, childrenOfType, conventionViolations, idOf } from "./conventions";
import { ISOLATED_SUBNET_IDS, KEY_ARN, VPC_ID } from "./sample-ids";

const FUNCTION = "aws:lambda/function:Function";
const INVOCATION = "aws:lambda/invocation:Invocation";
const PASSWORD = "random:index/randomPassword:RandomPassword";
const DATABASE_GROUP_ID = "sg-0dbdbdbdbdbdbdbd0";
const BOUNDARY = "arn:aws:iam::123456789012:policy/shop-boundary";

/** The args, but the master password: a secret made inside the program. */
const ARGS: Omit<AppUsersArgs, "masterPassword"> = {
  ...APP_USERS_DEFAULTS,
  engine: "postgres",
  address: "shop-db.cabcdefghijk.eu-central-1.rds.amazonaws.com",
  port: 5432,
  databaseName: "app",
  masterUsername: "app_admin",
  databaseSecurityGroupId: DATABASE_GROUP_ID,
  vpcId: VPC_ID,
  subnetIds: ISOLATED_SUBNET_IDS,
  kmsKeyArn: KEY_ARN,
  functionName: "shop-db-app-users",
  permissionsBoundary: BOUNDARY,
};

const planUsers = (args: Partial<AppUsersArgs> = {}) =>
  planComponent(({ opts }) => new AppUsers("shop-db-app", { ...ARGS, masterPassword: pulumi.secret("master-password-not-a-real-one"), ...args }, opts));

/** The newest `nodejs<N>.x` the installed provider's runtime enum accepts (Lambda deprecates the older ones first). */
function newestNodeRuntime(): string {
  const versions = Object.values(aws.lambda.Runtime).flatMap((runtime) => /^nodejs(\d+)\.x$/.exec(runtime)?.[1] ?? []).map(Number);
  return `nodejs${Math.max(...versions)}.x`;
}

/** Each user's password keeper: the rotation at which it last became current. */
const activations = (plan: ComponentPlan) => [...childrenOfType(plan, PASSWORD)].map(([name, r]) => [name, (r.inputs["keepers"] as Record<string, string>)["activatedAt"]]);

let plan: ComponentPlan;
let rotated: ComponentPlan;
beforeAll(async () => {
  plan = await planUsers();
  rotated = await planUsers({ rotation: 1 });
});

describe("AppUsers, alone", () => {
  it("keeps the component conventions: children below it on the given providers, named shop-db-app-…, outputs registered", () => {
    expect(conventionViolations(plan, { type: "tenant-platform:database:AppUsers", name: "shop-db-app", outputs: ["secretArn", "currentUser", "functionName"] })).toEqual([]);
    expect(plan.componentOutputs).toEqual({
      secretArn: idOf(plan, child(plan, "aws:secretsmanager/secret:Secret", "shop-db-app-secret")),
      currentUser: "app_a",
      functionName: "shop-db-app-users",
    });
    expect(rotated.componentOutputs["currentUser"]).toBe("app_b");
  });

  it("runs the function in the given subnets, on the newest Node.js runtime, logging to its own encrypted log group", () => {
    const fn = child(plan, FUNCTION, "shop-db-app-fn");
    const group = child(plan, "aws:ec2/securityGroup:SecurityGroup", "shop-db-app-fn");
    const logGroup = child(plan, "aws:cloudwatch/logGroup:LogGroup", "shop-db-app-fn");
    expect(fn.inputs).toMatchObject({
      name: "shop-db-app-users",
      runtime: newestNodeRuntime(),
      architectures: ["arm64"],
      handler: "index.handler",
      vpcConfig: { subnetIds: ISOLATED_SUBNET_IDS, securityGroupIds: [idOf(plan, group)] },
      loggingConfig: { logFormat: "Text", logGroup: "/aws/lambda/shop-db-app-users" },
      environment: { variables: { NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem" } },
    });
    expect(logGroup.inputs).toMatchObject({ name: "/aws/lambda/shop-db-app-users", retentionInDays: 30, kmsKeyId: KEY_ARN });
  });

  it("gives the function a role with the VPC-access managed policy only, under the given boundary", () => {
    const role = child(plan, "aws:iam/role:Role", "shop-db-app-fn");
    expect(role.inputs["permissionsBoundary"]).toBe(BOUNDARY);
    expect(JSON.parse(role.inputs["assumeRolePolicy"] as string)).toEqual({
      Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    expect([...childrenOfType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").values()].map((a) => [a.inputs["role"], a.inputs["policyArn"]]))
      .toEqual([[idOf(plan, role), "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]]);
    expect(childrenOfType(plan, "aws:iam/rolePolicy:RolePolicy").size).toBe(0);
  });

  it("lets the function out to the database's port only, and has the database's group admit it there", () => {
    const group = idOf(plan, child(plan, "aws:ec2/securityGroup:SecurityGroup", "shop-db-app-fn"));
    expect(child(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "shop-db-app-fn-to-db").inputs).toMatchObject({
      securityGroupId: group, referencedSecurityGroupId: DATABASE_GROUP_ID, ipProtocol: "tcp", fromPort: 5432, toPort: 5432,
    });
    expect(child(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "shop-db-app-db-from-fn").inputs).toMatchObject({
      securityGroupId: DATABASE_GROUP_ID, referencedSecurityGroupId: group, ipProtocol: "tcp", fromPort: 5432, toPort: 5432,
    });
    expect(childrenOfType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").size).toBe(1);
  });

  it("creates the function after its log group and VPC access, invokes it with a secret input, then writes the secret's version", () => {
    const fn = child(plan, FUNCTION, "shop-db-app-fn");
    // The log group through loggingConfig (so the plan records it as that property's dependency),
    // the VPC access, which no input names, explicitly.
    expect(plan.propertyDependencies[fn.urn]!["loggingConfig"]).toContain(child(plan, "aws:cloudwatch/logGroup:LogGroup", "shop-db-app-fn").urn);
    expect(fn.options).toMatchObject({
      dependsOn: [child(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "shop-db-app-fn-vpc").urn],
      // A new step creates the function anew (Active however long it was idle), deleting the old one first (its name is fixed).
      replaceOnChanges: ["description"],
      deleteBeforeReplace: true,
    });
    const invocation = child(plan, INVOCATION, "shop-db-app-rotation");
    expect(invocation.inputs["functionName"]).toBe("shop-db-app-users");
    expect(plan.propertyDependencies[invocation.urn]!["functionName"]).toContain(fn.urn);
    // The master credentials and the new password travel as a secret; CREATE_ONLY: a changed input invokes again.
    expect(invocation.inputs["input"]).toBe(SECRET_MASK);
    expect(invocation.inputs["lifecycleScope"]).toBeUndefined();
    expect(invocation.inputs["triggers"]).toEqual({ package: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const secret = child(plan, "aws:secretsmanager/secret:Secret", "shop-db-app-secret");
    expect(secret.inputs).toMatchObject({ kmsKeyId: KEY_ARN, recoveryWindowInDays: 30 });
    const version = child(plan, "aws:secretsmanager/secretVersion:SecretVersion", "shop-db-app-secret");
    expect(version.options.dependsOn).toEqual([invocation.urn]);
    expect(version.inputs).toMatchObject({ secretId: idOf(plan, secret), secretString: SECRET_MASK });
  });

  it("on a rotation draws the other user's password only, and changes the function's step and the invocation's input", () => {
    expect(activations(plan)).toEqual([["shop-db-app-a", "0"], ["shop-db-app-b", "-1"]]);
    expect(activations(rotated)).toEqual([["shop-db-app-a", "0"], ["shop-db-app-b", "1"]]);
    for (const password of childrenOfType(plan, PASSWORD).values()) expect(password.inputs).toMatchObject({ length: 40, special: false });
    const description = (outOf: ComponentPlan) => String(child(outOf, FUNCTION, "shop-db-app-fn").inputs["description"]);
    expect(description(plan)).toMatch(/^Creates and rotates the application's database users \(alternating users\); step [0-9a-f]{16}$/);
    expect(description(rotated)).not.toBe(description(plan));
    const inputDigest = (outOf: ComponentPlan) => outOf.secretDigests?.[child(outOf, INVOCATION, "shop-db-app-rotation").urn]?.["input"];
    expect(inputDigest(plan)).toEqual(expect.any(String));
    expect(inputDigest(rotated)).not.toBe(inputDigest(plan));
    // The same args plan the same step: nothing is invoked again without a change.
    expect(child(rotated, INVOCATION, "shop-db-app-rotation").inputs["triggers"]).toEqual(child(plan, INVOCATION, "shop-db-app-rotation").inputs["triggers"]);
  });

  it("refuses a rotation that is not a whole number from 0", async () => {
    for (const rotation of [-1, 1.5]) {
      await expect(planUsers({ rotation }), String(rotation)).rejects.toThrow(`shop-db-app: rotation must be a whole number, 0 or more; got ${rotation}`);
    }
  });
});
