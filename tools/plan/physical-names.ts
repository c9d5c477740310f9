/**
 * Physical names as the AWS provider forms them, and the rules each resource type's name must
 * meet. The offline plan names every resource this way, so that a name the provider or AWS would
 * refuse fails the plan instead of the deployment.
 *
 * Auto-naming (pulumi/pulumi-terraform-bridge `pkg/tfbridge/names.go`, `FromName`): when the name
 * property is not set, the bridge takes the resource's logical name, applies the type's transform,
 * appends the separator and `randomLength` random hex characters (`resource.NewUniqueName`,
 * pulumi/pulumi `sdk/go/common/resource/resource_id.go`), and fails when the result would exceed
 * the type's maximum: "name '<prefix>' plus 7 random chars is longer than maximum length <n>".
 * Per-type rules: pulumi/pulumi-aws `provider/autonaming.go` (every resource with a `name` input:
 * 255, "-"), `provider/resource_overrides.go` and `provider/aliases.go` (the exceptions below).
 * The random characters here are derived from the resource's type and logical name, so plans stay
 * byte-identical from run to run.
 */
import { createHash } from "node:crypto";

/** How the bridge forms a name the program did not set. */
export interface AutoNameRule {
  readonly maxLength: number;
  readonly randomLength: number;
  readonly separator: string;
  /** The bridge lower-cases the logical name first (`strings.ToLower` transform). */
  readonly lowercase?: boolean;
  /** Put in front after the random part (`PostTransform`), e.g. KMS's `alias/`. */
  readonly prefix?: string;
}

/** What the provider's validator or the service's API accepts as a name. */
export interface NameConstraint {
  readonly minLength: number;
  readonly maxLength: number;
  /** Allowed characters (the whole name must match). */
  readonly pattern: RegExp;
  /** The allowed characters in words, for the error. */
  readonly allowed: string;
  /** Further rules: a pattern the name must not match, and why. */
  readonly forbidden?: readonly (readonly [RegExp, string])[];
  /** Where the rule is written down. */
  readonly source: string;
}

/**
 * How the provider forms a name from a `namePrefix` input: the prefix and a unique suffix of
 * `suffixLength` characters (terraform-provider-aws `internal/create/naming.go` NewNameGenerator,
 * with terraform-plugin-sdk `helper/id` PrefixedUniqueId: a UTC timestamp to the 10⁻⁴ second, 18
 * digits, and an 8-hex-digit counter; `id.UniqueIDSuffixLength` 26). The prefix conflicts with the
 * name (ConflictsWith in the resource schema).
 */
export interface PrefixRule {
  /** The input property holding the prefix. */
  readonly property: string;
  readonly suffixLength: number;
  readonly constraint: NameConstraint;
}

export interface NameRule {
  /** The input property holding the name. */
  readonly property: string;
  /** Absent: the provider has no auto-name for this type (the program must set the name). */
  readonly autoName?: AutoNameRule;
  /** Absent: the type takes no name prefix. */
  readonly prefix?: PrefixRule;
  readonly constraint: NameConstraint;
}

/** The bridge's default for every resource with a `name` input (pulumi-aws `provider/autonaming.go`). */
const DEFAULT_AUTO_NAME: AutoNameRule = { maxLength: 255, randomLength: 7, separator: "-" };

const NO_EDGE_HYPHEN: readonly (readonly [RegExp, string])[] = [[/^-/, "cannot begin with a hyphen"], [/-$/, "cannot end with a hyphen"]];
const RDS_STYLE: readonly (readonly [RegExp, string])[] = [
  [/^[^a-z]/, "must begin with a letter"],
  [/--/, "cannot contain two consecutive hyphens"],
  [/-$/, "cannot end with a hyphen"],
];
const IAM_CHARACTERS = /^[\w+=,.@-]+$/;
const IAM_ALLOWED = "letters, digits and +=,.@_-";

/** Unique-id suffix of a prefixed name (terraform-plugin-sdk `helper/id` UniqueIDSuffixLength). */
const UNIQUE_ID_SUFFIX_LENGTH = 26;

/** Load balancer and target group name prefixes: at most 6 characters (32 − 26). */
const ELB_PREFIX: Omit<NameConstraint, "source" | "forbidden"> = { minLength: 1, maxLength: 6, pattern: /^[0-9A-Za-z-]+$/, allowed: "letters, digits and hyphens" };

/** Name rules by resource type. */
export const NAME_RULES: Readonly<Record<string, NameRule>> = {
  "aws:lb/loadBalancer:LoadBalancer": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    prefix: {
      property: "namePrefix",
      suffixLength: UNIQUE_ID_SUFFIX_LENGTH,
      constraint: {
        ...ELB_PREFIX, forbidden: [[/^-/, "cannot begin with a hyphen"], [/^internal-/, 'cannot begin with "internal-"']],
        source: "terraform-provider-aws internal/service/elbv2/validate.go validNamePrefix",
      },
    },
    constraint: {
      minLength: 1, maxLength: 32, pattern: /^[0-9A-Za-z-]+$/, allowed: "letters, digits and hyphens",
      forbidden: [...NO_EDGE_HYPHEN, [/^internal-/, 'cannot begin with "internal-"']],
      source: "terraform-provider-aws internal/service/elbv2/validate.go validName",
    },
  },
  "aws:lb/targetGroup:TargetGroup": {
    property: "name",
    // pulumi-aws provider/aliases.go: "name": tfbridge.AutoName("name", 32, "-")
    autoName: { maxLength: 32, randomLength: 7, separator: "-" },
    prefix: {
      property: "namePrefix",
      suffixLength: UNIQUE_ID_SUFFIX_LENGTH,
      constraint: { ...ELB_PREFIX, forbidden: [[/^-/, "cannot begin with a hyphen"]], source: "terraform-provider-aws internal/service/elbv2/validate.go validTargetGroupNamePrefix" },
    },
    constraint: {
      minLength: 1, maxLength: 32, pattern: /^[0-9A-Za-z-]+$/, allowed: "letters, digits and hyphens", forbidden: NO_EDGE_HYPHEN,
      source: "terraform-provider-aws internal/service/elbv2/validate.go validTargetGroupName",
    },
  },
  "aws:rds/instance:Instance": {
    property: "identifier",
    // pulumi-aws provider/resource_overrides.go aws_db_instance: ComputeAutoNameDefault with
    // Randlen 7, Maxlen 255 and no separator.
    autoName: { maxLength: 255, randomLength: 7, separator: "" },
    constraint: {
      minLength: 1, maxLength: 63, pattern: /^[0-9a-z-]+$/, allowed: "lowercase letters, digits and hyphens", forbidden: RDS_STYLE,
      source: "terraform-provider-aws internal/service/rds/validate.go validIdentifier; RDS user guide, Naming constraints (DB instance identifier: 1 to 63 characters)",
    },
  },
  "aws:rds/parameterGroup:ParameterGroup": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: {
      minLength: 1, maxLength: 255, pattern: /^[0-9a-z.-]+$/, allowed: "lowercase letters, digits, periods and hyphens", forbidden: RDS_STYLE,
      source: "terraform-provider-aws internal/service/rds/validate.go validParamGroupName",
    },
  },
  "aws:rds/subnetGroup:SubnetGroup": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: {
      minLength: 1, maxLength: 255, pattern: /^[0-9a-z_ .-]+$/, allowed: "lowercase letters, digits, hyphens, underscores, periods and spaces",
      forbidden: [[/^default$/i, 'cannot be "default"']],
      source: "terraform-provider-aws internal/service/rds/validate.go validSubnetGroupName",
    },
  },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    property: "replicationGroupId",
    // pulumi-aws provider/resource_overrides.go: AutoNameTransform("replicationGroupId", 40, strings.ToLower)
    autoName: { maxLength: 40, randomLength: 7, separator: "-", lowercase: true },
    constraint: {
      minLength: 1, maxLength: 40, pattern: /^[0-9A-Za-z-]+$/, allowed: "letters, digits and hyphens",
      forbidden: [[/^[^A-Za-z]/, "must begin with a letter"], [/--/, "cannot contain two consecutive hyphens"], [/-$/, "cannot end with a hyphen"]],
      source: "ElastiCache API reference, CreateReplicationGroup, ReplicationGroupId constraints",
    },
  },
  "aws:iam/role:Role": {
    property: "name",
    // pulumi-aws provider/resource_overrides.go: AutoName("name", 64, "-")
    autoName: { maxLength: 64, randomLength: 7, separator: "-" },
    constraint: {
      minLength: 1, maxLength: 64, pattern: IAM_CHARACTERS, allowed: IAM_ALLOWED,
      source: "terraform-provider-aws internal/service/iam/role.go roleNameMaxLen; IAM API reference, CreateRole RoleName",
    },
  },
  "aws:lambda/function:Function": {
    property: "name",
    // pulumi-aws provider/resources.go aws_lambda_function: "function_name": tfbridge.AutoName("name", 64, "-")
    autoName: { maxLength: 64, randomLength: 7, separator: "-" },
    constraint: {
      minLength: 1, maxLength: 64, pattern: /^[0-9A-Za-z_-]+$/, allowed: "letters, digits, hyphens and underscores",
      source: "terraform-provider-aws internal/service/lambda/validate.go validFunctionName (a name, not an ARN: at most 64 characters)",
    },
  },
  "aws:iam/policy:Policy": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 1, maxLength: 128, pattern: IAM_CHARACTERS, allowed: IAM_ALLOWED, source: "IAM API reference, CreatePolicy PolicyName (1 to 128)" },
  },
  "aws:iam/rolePolicy:RolePolicy": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 1, maxLength: 128, pattern: IAM_CHARACTERS, allowed: IAM_ALLOWED, source: "IAM API reference, PutRolePolicy PolicyName (1 to 128)" },
  },
  "aws:iam/instanceProfile:InstanceProfile": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 1, maxLength: 128, pattern: IAM_CHARACTERS, allowed: IAM_ALLOWED, source: "IAM API reference, CreateInstanceProfile InstanceProfileName (1 to 128)" },
  },
  "aws:s3/bucket:Bucket": {
    property: "bucket",
    // pulumi-aws provider/resource_overrides.go: AutoNameTransform("bucket", 63, strings.ToLower)
    autoName: { maxLength: 63, randomLength: 7, separator: "-", lowercase: true },
    constraint: {
      minLength: 3, maxLength: 63, pattern: /^[0-9a-z.-]+$/, allowed: "lowercase letters, digits, periods and hyphens",
      forbidden: [
        [/^[^0-9a-z]|[^0-9a-z]$/, "must begin and end with a letter or digit"],
        [/\.\./, "cannot contain two adjacent periods"],
        [/^(\d{1,3}\.){3}\d{1,3}$/, "cannot be formatted as an IP address"],
      ],
      source: "terraform-provider-aws internal/service/s3/bucket.go validBucketName; S3 user guide, General purpose bucket naming rules",
    },
  },
  "aws:sqs/queue:Queue": {
    property: "name",
    // pulumi-aws provider/resource_overrides.go: Maxlen 80, Randlen 7, "-"
    autoName: { maxLength: 80, randomLength: 7, separator: "-" },
    constraint: {
      minLength: 1, maxLength: 80, pattern: /^[0-9A-Za-z_-]+(\.fifo)?$/, allowed: "letters, digits, hyphens and underscores",
      source: "SQS API reference, CreateQueue QueueName (up to 80 characters)",
    },
  },
  "aws:sns/topic:Topic": {
    property: "name",
    // pulumi-aws provider/resource_overrides.go: Maxlen 80, Randlen 7, "-"
    autoName: { maxLength: 80, randomLength: 7, separator: "-" },
    constraint: {
      minLength: 1, maxLength: 256, pattern: /^[0-9A-Za-z_-]+(\.fifo)?$/, allowed: "letters, digits, hyphens and underscores",
      source: "SNS API reference, CreateTopic Name (up to 256 characters)",
    },
  },
  "aws:kms/alias:Alias": {
    property: "name",
    // pulumi-aws provider/resource_overrides.go: Maxlen 238, Randlen 7, "-", PostTransform "alias/"
    autoName: { maxLength: 238, randomLength: 7, separator: "-", prefix: "alias/" },
    constraint: {
      minLength: 7, maxLength: 256, pattern: /^alias\/[0-9A-Za-z_/-]+$/, allowed: '"alias/" then letters, digits and /_-',
      forbidden: [[/^alias\/aws\//, 'cannot begin with the reserved prefix "alias/aws/"']],
      source: "terraform-provider-aws internal/service/kms/validate.go validNameForResource; KMS API reference, CreateAlias AliasName (1 to 256)",
    },
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: {
      minLength: 1, maxLength: 255, pattern: /^[0-9A-Za-z ._\-:/()#,@[\]+=&;{}!$*]+$/, allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
      forbidden: [[/^sg-/, 'cannot begin with "sg-"']],
      source: "EC2 API reference, CreateSecurityGroup GroupName (up to 255 characters, not starting with sg-)",
    },
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 1, maxLength: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, allowed: "letters, digits and ._-/#", source: "CloudWatch Logs API reference, CreateLogGroup logGroupName" },
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 1, maxLength: 255, pattern: /^[\p{L}\p{N}\p{P}\p{S} ]+$/u, allowed: "printable characters", source: "CloudWatch API reference, PutMetricAlarm AlarmName (1 to 255)" },
  },
  "aws:cloudwatch/dashboard:Dashboard": {
    property: "dashboardName",
    constraint: { minLength: 1, maxLength: 255, pattern: /^[0-9A-Za-z_-]+$/, allowed: "letters, digits, hyphens and underscores", source: "CloudWatch API reference, PutDashboard DashboardName" },
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: {
      minLength: 3, maxLength: 125, pattern: /^[0-9A-Za-z().\-/_]+$/, allowed: "letters, digits and ().-/_",
      source: "terraform-provider-aws internal/service/ec2/validate.go ValidLaunchTemplateName (3 to 125); EC2 API reference, CreateLaunchTemplate LaunchTemplateName",
    },
  },
  "aws:autoscaling/group:Group": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 1, maxLength: 255, pattern: /^[\p{L}\p{N}\p{P}\p{S} ]+$/u, allowed: "printable characters", source: "Auto Scaling API reference, CreateAutoScalingGroup AutoScalingGroupName (1 to 255)" },
  },
  "aws:backup/vault:Vault": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 2, maxLength: 50, pattern: /^[0-9A-Za-z_-]+$/, allowed: "letters, digits, hyphens and underscores", source: "AWS Backup API reference, CreateBackupVault backupVaultName ^[a-zA-Z0-9\\-\\_]{2,50}$" },
  },
  "aws:backup/plan:Plan": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 1, maxLength: 50, pattern: /^[0-9A-Za-z._-]+$/, allowed: "letters, digits and -_.", source: "AWS Backup API reference, BackupPlanInput BackupPlanName (1 to 50 alphanumeric or -_. characters)" },
  },
  "aws:backup/selection:Selection": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 1, maxLength: 50, pattern: /^[0-9A-Za-z._-]+$/, allowed: "letters, digits and -_.", source: "AWS Backup API reference, BackupSelection SelectionName (^[a-zA-Z0-9\\-\\_\\.]{1,50}$)" },
  },
  "aws:secretsmanager/secret:Secret": {
    property: "name",
    autoName: DEFAULT_AUTO_NAME,
    constraint: { minLength: 1, maxLength: 512, pattern: /^[0-9A-Za-z/_+=.@-]+$/, allowed: "letters, digits and /_+=.@-", source: "Secrets Manager API reference, CreateSecret Name (1 to 512)" },
  },
};

/** Hex characters standing for the bridge's random suffix, derived from `seed`. */
function seededHex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** A physical name, and why the provider or AWS would refuse it (undefined when it would not). */
export interface FormedName {
  readonly name: string;
  readonly refusal?: string;
}

/**
 * The name the bridge would give a resource whose name property is not set. When it would be
 * too long the bridge refuses with the message given here (and forms no name; the uncapped name
 * stands in for it).
 */
export function autoName(type: string, logicalName: string, rule: AutoNameRule): FormedName {
  const base = `${rule.lowercase ? logicalName.toLowerCase() : logicalName}${rule.separator}`;
  const name = `${rule.prefix ?? ""}${base}${seededHex(`${type}::${logicalName}`, rule.randomLength)}`;
  if (base.length + rule.randomLength > rule.maxLength) {
    // pulumi/pulumi sdk/go/common/resource/resource_id.go NewUniqueName, wrapped by tfbridge FromName.
    return { name, refusal: `could not make instance of '${type}': name '${base}' plus ${rule.randomLength} random chars is longer than maximum length ${rule.maxLength}` };
  }
  return { name };
}

/**
 * The name the provider forms from a prefix: the prefix, then 18 digits standing for the creation
 * time and 8 hex digits for the counter, derived from `seed` so that plans stay byte-identical.
 */
export function prefixedName(type: string, logicalName: string, prefix: string, rule: PrefixRule): string {
  const digits = BigInt(`0x${seededHex(`${type}::${logicalName}::time`, 16)}`).toString().padStart(18, "0").slice(-18);
  return `${prefix}${digits}${seededHex(`${type}::${logicalName}::counter`, rule.suffixLength - 18)}`;
}

/** Why `name` breaks `constraint`, or undefined when it meets it. */
export function nameViolation(name: string, constraint: NameConstraint): string | undefined {
  const problems: string[] = [];
  if (name.length < constraint.minLength || name.length > constraint.maxLength) {
    problems.push(`must be ${constraint.minLength} to ${constraint.maxLength} characters long (it has ${name.length})`);
  }
  if (!constraint.pattern.test(name)) problems.push(`may contain only ${constraint.allowed}`);
  for (const [pattern, reason] of constraint.forbidden ?? []) if (pattern.test(name)) problems.push(reason);
  return problems.length > 0 ? problems.join("; ") : undefined;
}

/** The name as the program gives it or the provider forms it, with the refusal of a prefix the provider would not take. */
function formedName(type: string, logicalName: string, inputs: Record<string, unknown>, rule: NameRule): FormedName | undefined {
  const given = inputs[rule.property];
  const prefix = rule.prefix ? inputs[rule.prefix.property] : undefined;
  if (rule.prefix && typeof prefix === "string") {
    const name = prefixedName(type, logicalName, prefix, rule.prefix);
    // The resource schema's ConflictsWith between the two, then the prefix's own validator.
    if (given !== undefined) return { name, refusal: `${type} ${logicalName}: "${rule.property}": conflicts with ${rule.prefix.property}` };
    const violation = nameViolation(prefix, rule.prefix.constraint);
    return violation ? { name, refusal: `${type} ${logicalName}: ${rule.prefix.property} "${prefix}" ${violation} (${rule.prefix.constraint.source})` } : { name };
  }
  if (typeof given === "string") return { name: given };
  return rule.autoName ? autoName(type, logicalName, rule.autoName) : undefined;
}

/**
 * The physical name of a resource as the provider forms it: the program's value of the type's
 * name property, else the name the provider forms from its prefix, else the bridge's auto-name; with the refusal when the bridge cannot form it or
 * the provider or AWS would not accept it. Undefined for types without a rule here, or without a
 * name.
 */
export function physicalName(type: string, logicalName: string, inputs: Record<string, unknown>): FormedName | undefined {
  const rule = NAME_RULES[type];
  if (!rule) return undefined;
  const formed = formedName(type, logicalName, inputs, rule);
  if (!formed || formed.refusal) return formed;
  const violation = nameViolation(formed.name, rule.constraint);
  if (!violation) return formed;
  return { name: formed.name, refusal: `${type} ${logicalName}: ${rule.property} "${formed.name}" ${violation} (${rule.constraint.source})` };
}
