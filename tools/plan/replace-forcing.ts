/**
 * The inputs whose change makes a provider replace a resource instead of updating it in place,
 * per resource type, as read in the provider's source. The update simulation
 * (`update-simulation.ts`) reads only this table; a type missing here is listed in
 * {@link NOT_YET_COVERED}, and its changes are shown as updates that may be replacements.
 *
 * AWS: hashicorp/terraform-provider-aws (the provider @pulumi/aws 7 bridges), `ForceNew: true`
 * in the resource schema and `customdiff.ForceNewIf…` in its `CustomizeDiff`; the bridge turns
 * each into a replacement of the Pulumi input of the same name in camelCase
 * (pulumi/pulumi-aws `provider/resources.go` adds no replace-forcing override for these types).
 * TLS: hashicorp/terraform-provider-tls (bridged by @pulumi/tls), `RequiresReplace()` plan modifiers.
 * Cloudflare: cloudflare/terraform-provider-cloudflare v5.22.0 (bridged by @pulumi/cloudflare
 * 6.22.1), `RequiresReplace()` plan modifiers in `internal/services/<name>/schema.go`.
 * Random: hashicorp/terraform-provider-random (bridged by @pulumi/random), plan modifiers in
 * `internal/provider/resource_<name>.go`.
 * Nested properties are written `block.property`.
 */

/** A replacement that happens only for some changes of a property (a `CustomizeDiff`). */
export interface ConditionalReplacement {
  readonly property: string;
  /** `downgrade`: a lower version; `valkey-to-redis`: from Valkey back to Redis OSS. */
  readonly when: "downgrade" | "valkey-to-redis";
  /** The function in the provider that decides it. */
  readonly source: string;
}

export interface ReplaceForcing {
  /** Pulumi input names (camelCase) whose change replaces the resource. */
  readonly properties: readonly string[];
  readonly conditional?: readonly ConditionalReplacement[];
  /** File in the provider repository, and the commit read. */
  readonly source: string;
  /** Date the source was read. */
  readonly read: string;
  /** What of the source was not read, when not all of it. */
  readonly partial?: string;
}

const READ = "2026-11-30";
const AWS = "hashicorp/terraform-provider-aws";
const CLOUDFLARE = "cloudflare/terraform-provider-cloudflare v5.22.0 (a2efdc5)";
const TLS = "hashicorp/terraform-provider-tls";
const RANDOM = "hashicorp/terraform-provider-random v3";

/** Replace-forcing inputs per Pulumi type token. */
export const REPLACE_FORCING: Readonly<Record<string, ReplaceForcing>> = {
  "aws:rds/instance:Instance": {
    properties: [
      "availabilityZone", "characterSetName", "customIamInstanceProfile", "dbName", "engine",
      "kmsKeyId", "ncharCharacterSetName", "restoreToPointInTime", "s3Import", "snapshotIdentifier", "storageEncrypted", "timezone", "username",
    ],
    // Not `identifier`/`identifierPrefix`: since v5.0.0 (hashicorp/terraform-provider-aws#31232, "rds/instance: NEW ID
    // configuration") the resource id is the DbiResourceId and a new identifier is a rename in place
    // (ModifyDBInstance NewDBInstanceIdentifier); PR #32687 documents that they no longer force a replacement.
    source: `${AWS} internal/service/rds/instance.go, v5+ schema (search index id 1659451291: "identifier … can be updated", no ForceNew)`,
    read: READ,
  },
  "aws:rds/parameterGroup:ParameterGroup": {
    properties: ["description", "family", "name", "namePrefix"],
    source: `${AWS} internal/service/rds/parameter_group.go @0160692`,
    read: READ,
  },
  "random:index/randomId:RandomId": {
    // byte_length and prefix: RequiresReplace(); keepers: RequiresReplaceIfValuesNotNull() (a changed keeper with a value replaces).
    properties: ["byteLength", "keepers", "prefix"],
    source: `${RANDOM} internal/provider/resource_id.go (search index id 25799862428)`,
    read: READ,
  },
  "aws:iam/role:Role": {
    // name, name_prefix and path are ForceNew; permissions_boundary, assume_role_policy,
    // description, max_session_duration and tags are updated in place (resourceRoleUpdate:
    // PutRolePermissionsBoundary, UpdateAssumeRolePolicy, UpdateRoleDescription, UpdateRole).
    properties: ["name", "namePrefix", "path"],
    source: `${AWS} internal/service/iam/role.go @0040ea6 (search index id 33257870082)`,
    read: READ,
  },
  "aws:autoscaling/lifecycleHook:LifecycleHook": {
    // Only the name: autoscaling_group_name, heartbeat_timeout, default_result and the transition are updated in place (PutLifecycleHook).
    properties: ["name"],
    source: `${AWS} internal/service/autoscaling/lifecycle_hook.go (search index id 53166845791)`,
    read: READ,
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    // Only the name: every other argument (instance type, image, user data, metadata options,
    // network interfaces, block devices, monitoring, tag specifications, description) is in
    // resourceLaunchTemplateUpdate's updateKeys and makes a new template version
    // (CreateLaunchTemplateVersion, then ModifyLaunchTemplate for the default version); tags are
    // updated in place. The whole schema was read, in the v6 line (aws-sdk-go-v2, `awstypes`): name
    // and name_prefix are its only ForceNew arguments, and CustomizeDiff forces no replacement.
    properties: ["name", "namePrefix"],
    source: `${AWS} internal/service/ec2/ec2_launch_template.go, v6 line (aws-sdk-go-v2; search index id 1700241859)`,
    read: READ,
  },
  "aws:autoscaling/group:Group": {
    // initial_lifecycle_hook (with each of its arguments), name and name_prefix. Everything else
    // is sent by resourceGroupUpdate (UpdateAutoScalingGroup: sizes, launch template, zones and
    // subnets, health checks, warm-up, maintenance policy, termination policies) or by its own
    // calls (tags, target groups and traffic sources, metrics, suspended processes, warm pool);
    // a changed launch template starts the instance refresh. The whole schema was read.
    properties: ["initialLifecycleHooks", "name", "namePrefix"],
    source: `${AWS} internal/service/autoscaling/group.go @00a919d (search index id 1623807691)`,
    read: READ,
  },
  "aws:backup/selection:Selection": {
    // Every argument is ForceNew (the resource has no Update).
    properties: ["conditions", "iamRoleArn", "name", "notResources", "planId", "resources", "selectionTags"],
    source: `${AWS} internal/service/backup/selection.go @00a3530`,
    read: READ,
  },
  "aws:backup/restoreTestingSelection:RestoreTestingSelection": {
    // protected_resource_arns is not RequiresReplace, and Update does not send it alone (see BackupArgs.restoreTesting.selectionSuffix).
    properties: ["name", "protectedResourceType", "restoreTestingPlanName"],
    source: `${AWS} internal/service/backup/restore_testing_selection.go @00a3530`,
    read: READ,
  },
  "aws:rds/subnetGroup:SubnetGroup": {
    properties: ["name", "namePrefix"],
    source: `${AWS} internal/service/rds/subnet_group.go @01c0800`,
    read: READ,
  },
  "aws:ec2/subnet:Subnet": {
    properties: [
      "availabilityZone", "availabilityZoneId", "cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength", "ipv6IpamPoolId", "ipv6Native",
      "ipv6NetmaskLength", "outpostArn", "vpcId",
    ],
    source: `${AWS} internal/service/ec2/vpc_subnet.go @00cda12 (ipv6CidrBlock replaces only a subnet that assigns IPv6 on creation; not used here)`,
    read: READ,
  },
  "aws:elasticache/subnetGroup:SubnetGroup": {
    properties: ["name"],
    source: `${AWS} internal/service/elasticache/subnet_group.go @01c0800`,
    read: READ,
  },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    properties: [
      "atRestEncryptionEnabled", "dataTieringEnabled", "globalReplicationGroupId", "kmsKeyId", "networkType", "port", "replicationGroupId",
      "securityGroupNames", "snapshotArns", "snapshotName", "subnetGroupName",
    ],
    conditional: [
      { property: "engineVersion", when: "downgrade", source: "customizeDiffEngineVersionForceNewOnDowngrade" },
      { property: "engine", when: "valkey-to-redis", source: "customizeDiffEngineForceNewOnDowngrade" },
    ],
    source: `${AWS} internal/service/elasticache/replication_group.go @001b636`,
    read: READ,
  },
  "aws:kms/key:Key": {
    properties: ["customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId"],
    source: `${AWS} internal/service/kms/key.go @00a3530`,
    read: READ,
  },
  "aws:secretsmanager/secret:Secret": {
    properties: ["name", "namePrefix"],
    source: `${AWS} internal/service/secretsmanager/secret.go @00c21ce`,
    read: READ,
  },
  "aws:secretsmanager/secretVersion:SecretVersion": {
    // A new value is a new version (PutSecretValue, which moves AWSCURRENT to it), created before
    // the old one's delete, which only removes its other labels. secretStringWo is write-only, not ForceNew.
    properties: ["secretId", "secretBinary", "secretString", "secretStringWoVersion"],
    source: `${AWS} internal/service/secretsmanager/secret_version.go @0042e8e (v6: @Testing preIdentityVersion v6.10.0)`,
    read: READ,
  },
  "aws:s3/bucket:Bucket": {
    properties: ["bucket", "bucketPrefix"],
    source: `${AWS} internal/service/s3/bucket.go @0070bcd`,
    read: READ,
    partial: "the schema's first 16,000 characters (bucket and bucketPrefix); objectLockEnabled and later arguments not read",
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    properties: ["logGroupClass", "name", "namePrefix"],
    source: `${AWS} internal/service/logs/group.go @0073593`,
    read: READ,
  },
  "aws:lambda/function:Function": {
    // durableConfig too when it is added or removed (ForceNewIfChange); the platform sets none.
    properties: ["name", "packageType", "tenancyConfig"],
    source: `${AWS} internal/service/lambda/function.go @0156d84`,
    read: READ,
  },
  "aws:lambda/invocation:Invocation": {
    // `input` too: with the default lifecycle_scope CREATE_ONLY (which the platform keeps), a
    // changed input forces a new invocation (`customizeDiffInputChangeWithCreateOnlyScope`).
    properties: ["functionName", "input", "qualifier", "triggers"],
    source: `${AWS} internal/service/lambda/invocation.go @0133e9e`,
    read: READ,
  },
  "random:index/randomPassword:RandomPassword": {
    // keepers: RequiresReplaceIfValuesNotNull; every other argument: RequiresReplace.
    properties: ["keepers", "length", "lower", "minLower", "minNumeric", "minSpecial", "minUpper", "numeric", "overrideSpecial", "special", "upper"],
    source: `${RANDOM} internal/provider/resource_password.go`,
    read: READ,
  },
  "aws:backup/vault:Vault": {
    properties: ["kmsKeyArn", "name"],
    source: `${AWS} internal/service/backup/vault.go @050ac11`,
    read: READ,
  },
  "aws:acm/certificate:Certificate": {
    // certificate_body, certificate_chain and private_key are re-imported into the same ARN (resourceCertificateUpdate: ImportCertificate with CertificateArn).
    properties: ["certificateAuthorityArn", "domainName", "keyAlgorithm", "subjectAlternativeNames", "validationMethod", "validationOptions"],
    source: `${AWS} internal/service/acm/certificate.go @01661ea`,
    read: READ,
  },
  "aws:acm/certificateValidation:CertificateValidation": {
    properties: ["certificateArn", "validationRecordFqdns"],
    source: `${AWS} internal/service/acm/certificate_validation.go @004eea7`,
    read: READ,
  },
  "aws:lb/listener:Listener": {
    // certificate_arn, default_action, port, protocol, ssl_policy and mutual_authentication: ModifyListener in place.
    properties: ["loadBalancerArn"],
    source: `${AWS} internal/service/elbv2/listener.go (search index id 2388045155)`,
    read: READ,
  },
  "aws:lb/loadBalancer:LoadBalancer": {
    // subnets and security groups of an application load balancer change in place (customizeDiffLoadBalancerALB forces a new one
    // only for a changed subnet_mapping, which the platform does not set; customizeDiffLoadBalancerNLB concerns network load balancers).
    properties: ["customerOwnedIpv4Pool", "internal", "loadBalancerType", "name", "namePrefix"],
    source: `${AWS} internal/service/elbv2/load_balancer.go @00edc94`,
    read: READ,
  },
  "aws:iam/rolePolicy:RolePolicy": {
    properties: ["name", "namePrefix", "role"],
    source: `${AWS} internal/service/iam/role_policy.go @02f97af`,
    read: READ,
  },
  "tls:index/certRequest:CertRequest": {
    // private_key_pem: requireReplaceIfStateContainsPEMString (a PEM in state, as here: any change replaces).
    properties: ["dnsNames", "ipAddresses", "privateKeyPem", "privateKeyPemWoVersion", "subject", "uris"],
    source: `${TLS} internal/provider/resource_cert_request.go @0ea34fd`,
    read: READ,
  },
  "tls:index/privateKey:PrivateKey": {
    properties: ["algorithm", "ecdsaCurve", "opensshComment", "rsaBits"],
    source: `${TLS} internal/provider/resource_private_key.go @0fc9243`,
    read: READ,
  },
  "cloudflare:index/dnsRecord:DnsRecord": { properties: ["type", "zoneId"], source: `${CLOUDFLARE} internal/services/dns_record/schema.go`, read: READ },
  "cloudflare:index/zone:Zone": { properties: ["account.id", "name"], source: `${CLOUDFLARE} internal/services/zone/schema.go`, read: READ },
  "cloudflare:index/ruleset:Ruleset": {
    properties: ["accountId", "kind", "name", "phase", "zoneId"],
    source: `${CLOUDFLARE} internal/services/ruleset/schema.go`,
    read: READ,
  },
  "cloudflare:index/healthcheck:Healthcheck": { properties: ["zoneId"], source: `${CLOUDFLARE} internal/services/healthcheck/schema.go`, read: READ },
  "cloudflare:index/originCaCertificate:OriginCaCertificate": {
    // requested_validity: RequiresReplaceIfConfigured (the program always sets it).
    properties: ["csr", "hostnames", "requestType", "requestedValidity"],
    source: `${CLOUDFLARE} internal/services/origin_ca_certificate/schema.go`,
    read: READ,
  },
  "cloudflare:index/notificationPolicy:NotificationPolicy": { properties: ["accountId"], source: `${CLOUDFLARE} internal/services/notification_policy/schema.go`, read: READ },
  "cloudflare:index/zoneSetting:ZoneSetting": { properties: ["settingId", "zoneId"], source: `${CLOUDFLARE} internal/services/zone_setting/schema.go`, read: READ },
  "cloudflare:index/botManagement:BotManagement": { properties: ["zoneId"], source: `${CLOUDFLARE} internal/services/bot_management/schema.go`, read: READ },
  "cloudflare:index/urlNormalizationSettings:UrlNormalizationSettings": {
    properties: ["zoneId"],
    source: `${CLOUDFLARE} internal/services/url_normalization_settings/schema.go`,
    read: READ,
  },
  "cloudflare:index/authenticatedOriginPullsSettings:AuthenticatedOriginPullsSettings": {
    properties: ["zoneId"],
    source: `${CLOUDFLARE} internal/services/authenticated_origin_pulls_settings/schema.go`,
    read: READ,
  },
  "cloudflare:index/cloudConnectorRules:CloudConnectorRules": {
    properties: ["zoneId"],
    source: `${CLOUDFLARE} internal/services/cloud_connector_rules/schema.go`,
    read: READ,
  },
};

/**
 * Types the plans hold whose replace-forcing inputs have not been read yet: a change to one is
 * shown as an update that may be a replacement.
 */
export const NOT_YET_COVERED: readonly string[] = [
  "aws:autoscaling/policy:Policy",
  "aws:autoscaling/schedule:Schedule",
  "aws:backup/plan:Plan",
  "aws:backup/restoreTestingPlan:RestoreTestingPlan",
  "aws:cloudwatch/dashboard:Dashboard",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/eip:Eip",
  "aws:ec2/flowLog:FlowLog",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/managedPrefixList:ManagedPrefixList",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/route:Route",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:kms/alias:Alias",
  "aws:lb/targetGroup:TargetGroup",
  "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:sesv2/emailIdentity:EmailIdentity",
  "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes",
  "aws:sns/topic:Topic",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:sqs/queue:Queue",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
];

/** The replace-forcing inputs of a type, or undefined when they have not been read. */
export function replaceForcingOf(type: string): ReplaceForcing | undefined {
  return REPLACE_FORCING[type];
}
