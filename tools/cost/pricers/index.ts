/** Which pricer prices which resource type, and which types cost nothing by themselves. */
import type { Pricer } from "../pricing-context";
import {
  priceBackupPlan, priceBucket, priceBucketReplication, priceCacheNodes, priceRdsInstance, priceRestoreTesting,
} from "./data-stores";
import { priceAutoScalingGroup, priceElasticIp, priceLoadBalancer, priceNatGateway, priceVpcEndpoint } from "./network-compute";
import { priceAlarm, priceDashboard, priceKmsKey, priceLogGroup, priceMailIdentity, priceQueue, priceSecret, priceSubscription, priceTopic } from "./operations";

/** Pricers by resource type token. */
export const PRICERS: Readonly<Record<string, Pricer>> = {
  "aws:autoscaling/group:Group": priceAutoScalingGroup,
  "aws:ec2/natGateway:NatGateway": priceNatGateway,
  "aws:ec2/eip:Eip": priceElasticIp,
  "aws:lb/loadBalancer:LoadBalancer": priceLoadBalancer,
  "aws:ec2/vpcEndpoint:VpcEndpoint": priceVpcEndpoint,
  "aws:rds/instance:Instance": priceRdsInstance,
  "aws:elasticache/replicationGroup:ReplicationGroup": priceCacheNodes,
  "aws:elasticache/cluster:Cluster": priceCacheNodes,
  "aws:backup/plan:Plan": priceBackupPlan,
  "aws:backup/restoreTestingPlan:RestoreTestingPlan": priceRestoreTesting,
  "aws:s3/bucket:Bucket": priceBucket,
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": priceBucketReplication,
  "aws:cloudwatch/metricAlarm:MetricAlarm": priceAlarm,
  "aws:cloudwatch/dashboard:Dashboard": priceDashboard,
  "aws:cloudwatch/logGroup:LogGroup": priceLogGroup,
  "aws:kms/key:Key": priceKmsKey,
  "aws:sns/topic:Topic": priceTopic,
  "aws:sns/topicSubscription:TopicSubscription": priceSubscription,
  "aws:sqs/queue:Queue": priceQueue,
  "aws:secretsmanager/secret:Secret": priceSecret,
  "aws:sesv2/emailIdentity:EmailIdentity": priceMailIdentity,
};

/**
 * Resource types with no charge of their own: configuration, identity and networking glue, and
 * resources whose cost is counted elsewhere (launch templates with their group, vaults with the
 * backup plan, flow logs with their log group, Cloudflare settings with the zone's plan).
 * Any type neither here nor in {@link PRICERS} is reported as unknown, never as free.
 */
export const FREE_TYPES: ReadonlySet<string> = new Set([
  "aws:acm/certificate:Certificate",
  "aws:acm/certificateValidation:CertificateValidation",
  // "There are no additional fees with Amazon EC2 Auto Scaling" (https://aws.amazon.com/ec2/autoscaling/pricing/).
  "aws:autoscaling/lifecycleHook:LifecycleHook",
  "aws:autoscaling/policy:Policy",
  "aws:autoscaling/schedule:Schedule",
  // The application-users function runs a few seconds per deploy that rotates (256 MB): Lambda
  // charges per request and GB-second, under a cent a year at that use, and the invocation is a
  // record of one run (https://aws.amazon.com/lambda/pricing/).
  "aws:lambda/function:Function",
  "aws:lambda/invocation:Invocation",
  "aws:backup/selection:Selection",
  "aws:backup/vault:Vault",
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  "aws:backup/restoreTestingSelection:RestoreTestingSelection",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/flowLog:FlowLog",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/managedPrefixList:ManagedPrefixList",
  "aws:ec2/route:Route",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
  "aws:elasticache/subnetGroup:SubnetGroup",
  "aws:elasticache/parameterGroup:ParameterGroup",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:kms/alias:Alias",
  "aws:lb/listener:Listener",
  "aws:lb/targetGroup:TargetGroup",
  "aws:lb/trustStore:TrustStore",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketObjectv2:BucketObjectv2",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:secretsmanager/secretVersion:SecretVersion",
  "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:sqs/redrivePolicy:RedrivePolicy",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "cloudflare:index/authenticatedOriginPulls:AuthenticatedOriginPulls",
  "cloudflare:index/authenticatedOriginPullsCertificate:AuthenticatedOriginPullsCertificate",
  "cloudflare:index/authenticatedOriginPullsSettings:AuthenticatedOriginPullsSettings",
  "cloudflare:index/botManagement:BotManagement",
  "cloudflare:index/cloudConnectorRules:CloudConnectorRules",
  "cloudflare:index/dnsRecord:DnsRecord",
  "cloudflare:index/healthcheck:Healthcheck",
  "cloudflare:index/notificationPolicy:NotificationPolicy",
  // Origin CA certificates are free on every plan (developers.cloudflare.com/ssl/origin-configuration/origin-ca/).
  "cloudflare:index/originCaCertificate:OriginCaCertificate",
  "cloudflare:index/ruleset:Ruleset",
  "cloudflare:index/urlNormalizationSettings:UrlNormalizationSettings",
  "cloudflare:index/zone:Zone",
  "cloudflare:index/zoneSetting:ZoneSetting",
  // The subscription's price is the zone's plan, counted once for the zone.
  "cloudflare:index/zoneSubscription:ZoneSubscription",
  "random:index/randomId:RandomId",
  "random:index/randomPassword:RandomPassword",
  "tls:index/certRequest:CertRequest",
  "tls:index/locallySignedCert:LocallySignedCert",
  "tls:index/privateKey:PrivateKey",
  "tls:index/selfSignedCert:SelfSignedCert",
]);
