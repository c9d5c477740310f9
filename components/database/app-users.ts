import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { nameTags } from "../shared/naming";
import { appUserNames } from "./app-user-names";
import { functionArchive } from "./app-users-bundle";
import type { AppUsersEvent } from "./app-users-function";
import type { DatabaseEngine } from "./engines";
import { requireDefaultedArgs } from "../shared/required-args";
import { APP_USERS_DEFAULTS } from "./defaults";

/**
 * Arguments of {@link AppUsers}. The settings the tenant schema fills are required; by hand, spread
 * the defaults: `{ ...APP_USERS_DEFAULTS, engine: "postgres", address, … }`.
 */
export interface AppUsersArgs {
  /** The database's engine. */
  engine: DatabaseEngine;
  /** Writer address of the database (its dependency orders the users after the database). */
  address: pulumi.Input<string>;
  /** Port the database listens on. */
  port: number;
  /** The application's database (created with the instance). */
  databaseName: string;
  /** Master credentials the function acts with (a Pulumi secret). */
  masterUsername: string;
  masterPassword: pulumi.Input<string>;
  /** The database's security group: it admits the function on `port`. */
  databaseSecurityGroupId: pulumi.Input<string>;
  /** VPC and subnets the function runs in (no route out of the VPC is needed). */
  vpcId: pulumi.Input<string>;
  subnetIds: pulumi.Input<string>[];
  /** Key for the secret and the function's log group. */
  kmsKeyArn: pulumi.Input<string>;
  /**
   * The rotation counter: each increase makes the other user current with a new password (even:
   * `<databaseName>_a`, odd: `<databaseName>_b`). Only ever increase it by one per deploy. The
   * tenant schema's default is `APP_USERS_DEFAULTS.rotation`.
   */
  rotation: number;
  /**
   * Change a user's password even while sessions of that user are open (the function refuses
   * otherwise: instances still using it would fail their new connections). The tenant schema's
   * default is `APP_USERS_DEFAULTS.allowOpenSessions`.
   */
  allowOpenSessions: boolean;
  /** Physical name of the function (64 characters at most). @example "shop-db-app-users" */
  functionName: string;
  /** Days the function's logs are kept. Every tenant gets `APP_USERS_DEFAULTS.logRetentionDays`. */
  logRetentionDays: number;
  /** Tags on every resource. @default none */
  tags?: Record<string, string>;
  /**
   * ARN of the managed policy every IAM role this component creates carries as its permissions
   * boundary: the most its policies can grant (IAM User Guide, access_policies_boundaries.html).
   * A deploy role whose policy requires one (the bootstrap's) cannot create the roles without it.
   * @default none
   */
  permissionsBoundary?: pulumi.Input<string>;
}

/** The Lambda runtime of the application-users function. */
export const APP_USERS_RUNTIME = aws.lambda.Runtime.NodeJS24dX;

export { appUserNames } from "./app-user-names";

/** The rotation at which a user last became current (-1: not yet): its password is drawn anew then. */
export function lastActivation(slot: 0 | 1, rotation: number): number {
  return rotation % 2 === slot ? rotation : rotation - 1;
}

/**
 * The application's own database users, rotated without an error window (Secrets Manager's
 * alternating-users strategy:
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotation-strategy.html#rotating-secrets-two-users).
 *
 * Two users with the same privileges take turns; the application secret (`secretArn`, JSON
 * `engine`, `host`, `port`, `dbname`, `username`, `password`, the structure Secrets Manager uses
 * for database credentials:
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_secret_json_structure.html)
 * names the current one. A rotation draws a new password for the other user only, sets it in the
 * database through a Lambda function in the tenant's VPC (app-users-function.ts), and only then
 * writes the secret's new version: the instances pick it up at their next refresh, while the
 * user they still hold keeps its password until the following rotation.
 *
 * The function is invoked by `aws.lambda.Invocation` with the default lifecycle scope
 * `CREATE_ONLY`: any change of its input (a rotation, a new master password, a new address)
 * replaces the invocation, which invokes the function again; nothing is invoked on delete
 * (terraform-provider-aws internal/service/lambda/invocation.go, `customizeDiffInputChangeWithCreateOnlyScope`
 * and `resourceInvocationDelete`). `triggers` (ForceNew, same file) carry the package's digest,
 * so a changed function runs again. The master credentials travel in the input, a Pulumi
 * secret, so the function needs neither Secrets Manager nor a NAT gateway.
 *
 * Cost: the function runs for a second or two per deploy that changes its input (free tier);
 * the secret $0.40/month; the log group's ingestion is a few KB per rotation.
 */
export class AppUsers extends pulumi.ComponentResource {
  /** ARN of the application secret (available once its first version is written). */
  public readonly secretArn: pulumi.Output<string>;
  /** The function's security group (admitted by the database). */
  public readonly securityGroup: aws.ec2.SecurityGroup;
  public readonly function: aws.lambda.Function;
  public readonly invocation: aws.lambda.Invocation;
  /** The user the secret names after this deploy. */
  public readonly currentUser: string;

  constructor(name: string, args: AppUsersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:database:AppUsers", name, {}, opts);
    requireDefaultedArgs(name, args, APP_USERS_DEFAULTS, "APP_USERS_DEFAULTS");
    const parent = { parent: this };
    const rotation = args.rotation;
    if (!Number.isInteger(rotation) || rotation < 0) throw new RangeError(`${name}: rotation must be a whole number, 0 or more; got ${rotation}`);
    const { users, ownerRole } = appUserNames(args.databaseName);
    const slot = (rotation % 2) as 0 | 1;
    this.currentUser = users[slot];

    // One password per user, drawn anew when that user becomes current: the other user's stays.
    const passwords = users.map((user, i) => new random.RandomPassword(`${name}-${user.slice(-1)}`, {
      // Letters and digits: no quoting issue in any client, within MySQL's 32 and PostgreSQL's limits of a password.
      length: 40,
      special: false,
      keepers: { activatedAt: String(lastActivation(i as 0 | 1, rotation)) },
    }, parent));

    this.securityGroup = new aws.ec2.SecurityGroup(`${name}-fn`, {
      vpcId: args.vpcId,
      description: `Application users function: to the ${args.engine} port only`,
      revokeRulesOnDelete: true,
      tags: nameTags(`${name}-fn`, args.tags),
    }, parent);
    new aws.vpc.SecurityGroupEgressRule(`${name}-fn-to-db`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: args.databaseSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: args.port,
      toPort: args.port,
      description: `Application users function to the database port ${args.port}`,
    }, parent);
    new aws.vpc.SecurityGroupIngressRule(`${name}-db-from-fn`, {
      securityGroupId: args.databaseSecurityGroupId,
      referencedSecurityGroupId: this.securityGroup.id,
      ipProtocol: "tcp",
      fromPort: args.port,
      toPort: args.port,
      description: "From the application users function",
    }, parent);

    const logGroup = new aws.cloudwatch.LogGroup(`${name}-fn`, {
      name: `/aws/lambda/${args.functionName}`,
      retentionInDays: args.logRetentionDays,
      kmsKeyId: args.kmsKeyArn,
      tags: nameTags(`${name}-fn`, args.tags),
    }, parent);
    const role = new aws.iam.Role(`${name}-fn`, {
      permissionsBoundary: args.permissionsBoundary,
      description: "Lets the application users function run in the VPC and write its logs",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      tags: nameTags(`${name}-fn`, args.tags),
    }, parent);
    // The network interfaces of a function in a VPC, and its logs: the AWS managed policy for
    // exactly that (Lambda developer guide, "Giving Lambda functions access to resources in an
    // Amazon VPC", execution role permissions:
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions).
    const vpcAccess = new aws.iam.RolePolicyAttachment(`${name}-fn-vpc`, {
      role: role.name,
      policyArn: aws.iam.ManagedPolicy.AWSLambdaVPCAccessExecutionRole,
    }, parent);

    const current = passwords[slot]!;
    const input = pulumi.all([args.address, args.masterPassword, current.result]).apply(([host, masterPassword, password]) => {
      const event: AppUsersEvent = {
        engine: args.engine,
        host,
        port: args.port,
        database: args.databaseName,
        master: { username: args.masterUsername, password: masterPassword },
        users,
        ownerRole,
        current: { username: this.currentUser, password },
        // Only when set: the input of existing tenants, and so their invocation, stays as it is.
        ...(args.allowOpenSessions ? { allowOpenSessions: true } : {}),
      };
      return JSON.stringify(event);
    });
    // The rotation step this function is (re)created for. An idle function in a VPC becomes
    // Inactive once Lambda has reclaimed its network interfaces, and an invocation of an Inactive
    // function fails (ResourceNotReadyException) while it sets the function Pending again (Lambda
    // developer guide, "Lambda function states":
    // https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html). The provider invokes
    // once and does not wait for Active (terraform-provider-aws internal/service/lambda/invocation.go,
    // `invoke`), and an update waits for LastUpdateStatus only (function.go, `waitFunctionUpdated`);
    // a create waits for State Active (function.go, `waitFunctionCreated`). So every change of the
    // input or of the package also replaces the function through its description (`replaceOnChanges`), deleting the
    // old one first since the name is fixed: the invocation meets a function that is Active,
    // however long it was idle. A SHA-256 prefix of an input holding 40-character random
    // passwords reveals none of them, so the description is no secret.
    const bundle = functionArchive();
    const step = pulumi.unsecret(input.apply((text) => createHash("sha256").update(bundle.digest).update(text).digest("hex").slice(0, 16)));
    this.function = new aws.lambda.Function(`${name}-fn`, {
      name: args.functionName,
      description: pulumi.interpolate`Creates and rotates the application's database users (alternating users); step ${step}`,
      // The newest Node.js runtime Lambda offers and the provider's enum accepts: nodejs22.x is
      // deprecated on 2027-04-30 (creation blocked from 2027-06-01, updates from 2027-07-01),
      // nodejs24.x on 2028-04-30 (Lambda developer guide, "Lambda runtimes", supported runtimes:
      // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). The handler is async
      // and its code ES2022 (app-users-bundle.ts), which Node.js 24 runs. A runtime change is an
      // in-place UpdateFunctionConfiguration (`runtime` is not ForceNew in the provider's
      // internal/service/lambda/function.go).
      runtime: APP_USERS_RUNTIME,
      architectures: ["arm64"],
      handler: "index.handler",
      code: bundle.archive,
      role: role.arn,
      memorySize: 256,
      timeout: 120,
      vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: [this.securityGroup.id] },
      loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
      // Node.js 20 and later runtimes do not load the Amazon RDS certificate authorities unless
      // asked (Lambda developer guide, "Building Lambda functions with Node.js", Amazon RDS
      // certificates: https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html).
      environment: { variables: { NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem" } },
      tags: nameTags(`${name}-fn`, args.tags),
    }, { parent: this, dependsOn: [logGroup, vpcAccess], replaceOnChanges: ["description"], deleteBeforeReplace: true });

    this.invocation = new aws.lambda.Invocation(`${name}-rotation`, {
      functionName: this.function.name,
      input: pulumi.secret(input),
      triggers: { package: bundle.digest },
    }, parent);

    const secret = new aws.secretsmanager.Secret(`${name}-secret`, {
      description: `Credentials of the application's database user (alternating ${users.join(" and ")})`,
      kmsKeyId: args.kmsKeyArn,
      recoveryWindowInDays: 30,
      tags: nameTags(`${name}-secret`, args.tags),
    }, parent);
    const version = new aws.secretsmanager.SecretVersion(`${name}-secret`, {
      secretId: secret.id,
      secretString: pulumi.all([args.address, current.result]).apply(([host, password]) => JSON.stringify({
        engine: args.engine, host, port: args.port, dbname: args.databaseName, username: this.currentUser, password,
      })),
    }, { parent: this, dependsOn: [this.invocation] });
    // Readers get the ARN through the version: nothing reads the secret before it names a user that works.
    this.secretArn = pulumi.all([secret.arn, version.id]).apply(([arn]) => arn);

    this.registerOutputs({ secretArn: this.secretArn, currentUser: this.currentUser, functionName: this.function.name });
  }
}
