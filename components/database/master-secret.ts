import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { nameTags } from "../shared/naming";
import type { DatabaseArgs } from "./args";

/** The master password and the ARN of the secret that keeps it. */
export interface MasterSecret {
  readonly password: pulumi.Output<string>;
  readonly secretArn: pulumi.Output<string>;
}

/**
 * The master password, generated here and kept in a Secrets Manager secret of the component's
 * own (tenant key), as JSON `{"username", "password"}` like the secrets RDS manages, so readers
 * take its `password` key either way.
 *
 * Why not `manageMasterUserPassword`: RDS does not support creating a read replica of a source
 * that manages its master password in Secrets Manager (all engines but SQL Server), nor RDS
 * Blue/Green deployments (Amazon RDS User Guide, "Password management with Amazon RDS and AWS
 * Secrets Manager", section "Limitations for Secrets Manager integration":
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations).
 * Every database gets the same scheme, so adding a replica later changes nothing else and
 * Blue/Green deployments stay possible. Every generation gets the same password, which the
 * provider sets on a restored instance after the restore (see `restore-sources.ts`): the secret
 * and the application's `DATABASE_PASSWORD` reference do not change when the application
 * switches to a restored generation.
 *
 * Existing databases switch in place: `manage_master_user_password` and `password` are plain
 * Optional arguments, neither ForceNew, and an update sends both in one ModifyDBInstance call
 * (terraform-provider-aws internal/service/rds/instance.go, schema and `dbInstancePopulateModify`).
 * The password is 40 letters and digits: within MySQL's and MariaDB's 41 characters, and free of
 * the characters RDS refuses (/, ", @ and space).
 */
export function createMasterSecret(name: string, args: DatabaseArgs, tags: Record<string, string> | undefined, parent: pulumi.Resource): MasterSecret {
  const password = new random.RandomPassword(`${name}-db-master`, { length: 40, special: false }, { parent });
  const secret = new aws.secretsmanager.Secret(`${name}-db-master`, {
    description: `Master credentials of the ${args.identifier} database`,
    kmsKeyId: args.kmsKeyArn,
    recoveryWindowInDays: 30,
    tags: nameTags(`${name}-db-master`, tags),
  }, { parent });
  new aws.secretsmanager.SecretVersion(`${name}-db-master`, {
    secretId: secret.id,
    secretString: pulumi.jsonStringify({ username: args.masterUsername, password: password.result }),
  }, { parent });
  return { password: password.result, secretArn: secret.arn };
}
