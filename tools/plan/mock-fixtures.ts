/**
 * Every value the offline plan invents, in one place: what AWS and Cloudflare would answer to the
 * program's look-ups (invokes) and which attributes they would compute for new resources.
 * Values are realistic in shape (ids, ARNs, addresses) and deterministic: the same program always
 * plans to the same graph, so plans can be compared.
 */
import { createHash } from "node:crypto";
import { mockCloudflareState } from "./mock-cloudflare";
import type { DeployedState } from "./mock-stack-state";
import { rdsDefaultPort } from "../../components/shared/aws-catalog";
import { physicalName } from "./physical-names";
import { COMMERCIAL_REGIONS, REGION_ZONE_LETTERS } from "../../components/shared/aws-catalog";

/** The account every offline plan pretends to run in. */
export const MOCK_ACCOUNT_ID = "123456789012";

/**
 * Where an account sees only some of a region's zones, the letters a typical account sees (a
 * subset of the catalogue's, as many as {@link usableZoneCount}; us-west-1 has no "b" for most).
 */
const ACCOUNT_ZONE_LETTERS: Readonly<Record<string, string>> = {
  "us-west-1": "ac",
  "ap-northeast-1": "acd",
};

/**
 * Zone letters per region as the offline account sees them, from the catalogue of real zones
 * (components/shared/aws-catalog/regions.ts), so that the mock never invents a zone.
 */
export const MOCK_ZONE_LETTERS: Readonly<Record<string, string>> = Object.fromEntries(
  COMMERCIAL_REGIONS.map((region) => [region, ACCOUNT_ZONE_LETTERS[region] ?? REGION_ZONE_LETTERS[region]!]),
);

/** Cloudflare's published edge ranges (https://www.cloudflare.com/ips/), as getIpRanges returns them. */
export const MOCK_CLOUDFLARE_IP_RANGES = {
  ipv4Cidrs: [
    "173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22", "141.101.64.0/18",
    "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20", "197.234.240.0/22", "198.41.128.0/17",
    "162.158.0.0/15", "104.16.0.0/13", "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22",
  ],
  ipv6Cidrs: [
    "2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32",
    "2a06:98c0::/29", "2c0f:f248::/32",
  ],
  jdcloudCidrs: [] as string[],
  etag: "offline-plan",
};

/** Elastic Load Balancing's log-writing accounts of a few regions (AWS documentation). */
export const MOCK_ELB_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
};

/** The name servers Cloudflare assigns to every zone of the offline plan. */
export const MOCK_NAME_SERVERS = ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"];

/** The AMI every SSM image parameter resolves to. */
export const MOCK_AMI_ID = "ami-0a1b2c3d4e5f60718";

/** A stable short hex digest of some text. */
export function digest(text: string, length = 17): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** Answers to the invokes the program makes, by token. Unknown tokens are an error. */
export function mockInvoke(token: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  switch (token) {
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      const letters = MOCK_ZONE_LETTERS[region] ?? "";
      const names = [...letters].map((letter) => `${region}${letter}`);
      return { id: region, region, names, zoneIds: names.map((_, i) => `${region.replace(/-/g, "").slice(0, 6)}-az${i + 1}`), groupNames: names.map(() => region) };
    }
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        id: MOCK_ACCOUNT_ID,
        accountId: MOCK_ACCOUNT_ID,
        arn: `arn:aws:sts::${MOCK_ACCOUNT_ID}:assumed-role/platform-deployer/offline-plan`,
        userId: "AROAOFFLINEPLAN:offline-plan",
      };
    case "aws:index/getRegion:getRegion":
      return { id: region, region, name: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    case "aws:ssm/getParameter:getParameter": {
      const name = String(inputs["name"]);
      return { id: name, name, arn: `arn:aws:ssm:${region}::parameter${name}`, type: "String", value: MOCK_AMI_ID, insecureValue: MOCK_AMI_ID, version: 1, region };
    }
    case "aws:elb/getServiceAccount:getServiceAccount": {
      const account = MOCK_ELB_ACCOUNTS[region] ?? "000000000000";
      return { id: account, arn: `arn:aws:iam::${account}:root`, region };
    }
    case "cloudflare:index/getZone:getZone": {
      // No `plan`: the offline plan cannot know an existing zone's plan; the deploy checks it.
      const zoneId = typeof inputs["zoneId"] === "string" ? inputs["zoneId"] : "";
      return { id: zoneId, zoneId, name: "existing-zone.example", status: "active", nameServers: MOCK_NAME_SERVERS };
    }
    case "aws:ecr/getImage:getImage": {
      // A stable digest per repository and tag; the registry and region come from the inputs.
      const repository = String(inputs["repositoryName"]);
      const registry = typeof inputs["registryId"] === "string" ? inputs["registryId"] : MOCK_ACCOUNT_ID;
      const imageRegion = typeof inputs["region"] === "string" ? inputs["region"] : region;
      const imageDigest = `sha256:${createHash("sha256").update(`${registry}/${repository}:${String(inputs["imageTag"])}`).digest("hex")}`;
      return {
        id: imageDigest, imageDigest, repositoryName: repository, registryId: registry, region: imageRegion,
        imageTags: [String(inputs["imageTag"])], imageSizeInBytes: 104857600, imagePushedAt: 1767225600,
        imageUri: `${registry}.dkr.ecr.${imageRegion}.amazonaws.com/${repository}@${imageDigest}`,
      };
    }
    case "cloudflare:index/getIpRanges:getIpRanges":
      return { ...MOCK_CLOUDFLARE_IP_RANGES };
    default:
      throw new Error(`the offline plan has no mock answer for invoke ${token}; add one to tools/plan/mock-fixtures.ts`);
  }
}

/** Id prefixes AWS uses, by resource type. */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/flowLog:FlowLog": "fl",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt",
  "aws:ec2/managedPrefixList:ManagedPrefixList": "pl",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
};

/** Values the random provider would draw, derived from the name so plans stay comparable. */
function mockRandomState(type: string, hash: string, state: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
  switch (type) {
    case "random:index/randomId:RandomId": {
      // New keepers replace the id (a new draw, resource_id.go RequiresReplaceIfValuesNotNull): the value follows them.
      const drawn = state["keepers"] === undefined ? hash : digest(`${hash}:${JSON.stringify(state["keepers"])}`, hash.length);
      return { id: drawn.slice(0, 8), state: { ...state, hex: drawn.slice(0, 2 * Number(state["byteLength"] ?? 4)), b64Std: drawn, b64Url: drawn, dec: String(parseInt(drawn.slice(0, 8), 16)) } };
    }
    case "random:index/randomPassword:RandomPassword": {
      // New keepers replace the password (a new draw): the value follows them, so an update simulation sees it change.
      const drawn = state["keepers"] === undefined ? hash : digest(`${hash}:${JSON.stringify(state["keepers"])}`, hash.length);
      return { id: "none", state: { ...state, result: `offline-${drawn}`.slice(0, Number(state["length"] ?? 16)), bcryptHash: "" } };
    }
    default:
      return { id: hash.slice(0, 16), state };
  }
}

/** Placeholder PEM blocks for the tls provider's keys and certificates (not real key material). */
function mockTlsState(type: string, hash: string, state: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
  const pem = (label: string) => `-----BEGIN ${label}-----\nT0ZGTElORS1QTEFO${hash}\n-----END ${label}-----\n`;
  switch (type) {
    case "tls:index/privateKey:PrivateKey":
      return { id: hash.slice(0, 16), state: { ...state, privateKeyPem: pem("PRIVATE KEY"), publicKeyPem: pem("PUBLIC KEY") } };
    case "tls:index/certRequest:CertRequest":
      return { id: hash.slice(0, 16), state: { ...state, certRequestPem: pem("CERTIFICATE REQUEST") } };
    default:
      return { id: hash.slice(0, 16), state: { ...state, certPem: pem("CERTIFICATE") } };
  }
}

/** The `name` input when it is set, else the name the engine would generate. */
function nameOr(inputs: Record<string, unknown>, autoName: string): string {
  return typeof inputs["name"] === "string" ? inputs["name"] : autoName;
}

/** A 32-bit number from text, for addresses. */
function hashNumber(text: string): number {
  return parseInt(digest(text, 8), 16);
}

/** How the mocks answer. */
export interface MockOptions {
  /**
   * Form physical names as the provider does and refuse those it would refuse. @default true;
   * false (names `<logical name>-<7 hex>`, nothing refused) only to measure what the check costs
   * (`npm run bench`)
   */
  readonly physicalNames?: boolean;
  /** The state an earlier deployment of the stack left (`mock-stack-state.ts`). @default a stack never deployed */
  readonly deployedState?: DeployedState;
}

/** What a read replica inherits from the DB instance it replicates. */
export interface RdsSourceFacts {
  readonly engine?: string;
  readonly port?: number;
}

/** The DB instance planned earlier under an identifier or ARN (a replica's `replicateSourceDb`), if any. */
export type RdsSourceLookup = (reference: string) => RdsSourceFacts | undefined;

/**
 * A DB instance's engine and port as RDS settles them: the inputs' when set; else a read replica
 * inherits both from its source, and a primary gets its engine's default port (`rdsDefaultPort`,
 * which cites the RDS API reference). Undefined where neither the inputs nor a planned source say.
 */
export function rdsEngineAndPort(inputs: Record<string, unknown>, sources: RdsSourceLookup): RdsSourceFacts {
  const source = typeof inputs["replicateSourceDb"] === "string" ? sources(inputs["replicateSourceDb"]) : undefined;
  const isReplica = inputs["replicateSourceDb"] !== undefined;
  const engine = typeof inputs["engine"] === "string" ? inputs["engine"] : source?.engine;
  const given = typeof inputs["port"] === "number" ? inputs["port"] : undefined;
  const port = given ?? (isReplica ? source?.port : engine === undefined ? undefined : rdsDefaultPort(engine));
  return { engine, port };
}

/**
 * Attributes the cloud would compute for a new resource (ids, ARNs, addresses, auto-names), merged
 * over its inputs. Names are formed as the provider forms them (`physical-names.ts`), never
 * shortened or repaired: a name the provider or AWS would refuse goes to `refuse`.
 */
export function mockResourceState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  region: string,
  refuse: (reason: string) => void = (reason) => { throw new Error(reason); },
  options: MockOptions & { rdsSources?: RdsSourceLookup } = {},
): { id: string; state: Record<string, unknown> } {
  const rdsSources = options.rdsSources ?? (() => undefined);
  const [pkg, moduleAndFile = "", kind = ""] = type.split(":");
  if (pkg === "pulumi" && moduleAndFile === "providers") {
    return { id: `provider-${digest(name, 12)}`, state: inputs };
  }
  const hash = digest(`${type}::${name}`);
  const prefix = ID_PREFIXES[type];
  const formed = options.physicalNames === false ? undefined : physicalName(type, name, inputs);
  if (formed?.refusal) refuse(formed.refusal);
  // Types without a name rule get the bridge's default auto-name shape for their id.
  const physical = formed?.name ?? nameOr(inputs, `${name}-${hash.slice(0, 7)}`);
  const id = prefix ? `${prefix}-${hash}` : physical;
  const service = moduleAndFile.split("/")[0] ?? "";
  const state: Record<string, unknown> = { ...inputs };
  if (pkg === "random") return mockRandomState(type, hash, state);
  if (pkg === "tls") return mockTlsState(type, hash, state);
  if (pkg === "cloudflare") return mockCloudflareState(type, name, hash, inputs, (length) => digest(name, length));
  if (pkg !== "aws") {
    return { id: hash.slice(0, 16), state };
  }
  state["arn"] = `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${kind.charAt(0).toLowerCase()}${kind.slice(1)}/${id}`;
  switch (type) {
    case "aws:kms/key:Key": {
      const keyRegion = typeof inputs["region"] === "string" ? inputs["region"] : region;
      const keyId = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(12, 15)}-8${hash.slice(15, 17)}0-${digest(name, 12)}`;
      return { id: keyId, state: { ...state, keyId, arn: `arn:aws:kms:${keyRegion}:${MOCK_ACCOUNT_ID}:key/${keyId}` } };
    }
    case "aws:kms/alias:Alias":
      return { id: physical, state: { ...state, name: physical, arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:${physical}` } };
    case "aws:cloudwatch/logGroup:LogGroup": {
      const groupName = physical;
      return { id: groupName, state: { ...state, name: groupName, arn: `arn:aws:logs:${region}:${MOCK_ACCOUNT_ID}:log-group:${groupName}` } };
    }
    case "aws:iam/role:Role": {
      const roleName = physical;
      const rolePath = typeof inputs["path"] === "string" ? inputs["path"] : "/";
      return { id: roleName, state: { ...state, name: roleName, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role${rolePath}${roleName}`, uniqueId: `AROA${hash.toUpperCase()}` } };
    }
    case "aws:sesv2/emailIdentity:EmailIdentity": {
      // Easy DKIM gives three tokens of 32 lowercase characters.
      const domain = String(inputs["emailIdentity"]);
      const tokens = [1, 2, 3].map((n) => digest(`${domain}#${n}`, 32));
      // The identity lives in the resource's own region when it names one (provider v7's `region` argument).
      const identityRegion = typeof inputs["region"] === "string" ? inputs["region"] : region;
      const arn = `arn:aws:ses:${identityRegion}:${MOCK_ACCOUNT_ID}:identity/${domain}`;
      return { id: domain, state: { ...state, arn, identityType: "DOMAIN", dkimSigningAttributes: { ...(inputs["dkimSigningAttributes"] as object), tokens, status: "PENDING" } } };
    }
    case "aws:ec2/eip:Eip": {
      // Addresses from TEST-NET-3 (203.0.113.0/24), reserved for documentation.
      const publicIp = `203.0.113.${(hashNumber(name) % 254) + 1}`;
      return { id, state: { ...state, allocationId: id, publicIp, domain: "vpc" } };
    }
    case "aws:lb/loadBalancer:LoadBalancer": {
      const suffix = `app/${physical}/${hash.slice(0, 16)}`;
      return { id: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:loadbalancer/${suffix}`, state: { ...state, name: physical, arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:loadbalancer/${suffix}`, arnSuffix: suffix, dnsName: `${physical}-${hashNumber(name)}.${region}.elb.amazonaws.com`, zoneId: "Z215JYRZR1TBD5" } };
    }
    case "aws:lb/targetGroup:TargetGroup": {
      const suffix = `targetgroup/${physical}/${hash.slice(0, 16)}`;
      return { id: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:${suffix}`, state: { ...state, name: physical, arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:${suffix}`, arnSuffix: suffix } };
    }
    case "aws:lb/listener:Listener": {
      const arn = `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:listener/app/${name}/${hash.slice(0, 16)}`;
      return { id: arn, state: { ...state, arn } };
    }
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return { id, state: { ...state, name: physical, latestVersion: 1, defaultVersion: 1 } };
    case "aws:autoscaling/group:Group": {
      const groupName = physical;
      return { id: groupName, state: { ...state, name: groupName, arn: `arn:aws:autoscaling:${region}:${MOCK_ACCOUNT_ID}:autoScalingGroup:${digest(name, 8)}:autoScalingGroupName/${groupName}` } };
    }
    case "aws:sqs/queue:Queue": {
      const queueName = physical;
      const url = `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT_ID}/${queueName}`;
      return { id: url, state: { ...state, name: queueName, url, arn: `arn:aws:sqs:${region}:${MOCK_ACCOUNT_ID}:${queueName}` } };
    }
    case "aws:iam/instanceProfile:InstanceProfile": {
      const profileName = physical;
      return { id: profileName, state: { ...state, name: profileName, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:instance-profile/${profileName}` } };
    }
    case "aws:s3/bucket:Bucket": {
      const bucket = physical;
      const bucketRegion = typeof inputs["region"] === "string" ? inputs["region"] : region;
      return { id: bucket, state: { ...state, bucket, arn: `arn:aws:s3:::${bucket}`, bucketRegionalDomainName: `${bucket}.s3.${bucketRegion}.amazonaws.com` } };
    }
    case "aws:rds/instance:Instance": {
      const identifier = physical;
      const { engine, port } = rdsEngineAndPort(inputs, rdsSources);
      const address = `${identifier}.c${digest(MOCK_ACCOUNT_ID + region, 12)}.${region}.rds.amazonaws.com`;
      const secretArn = `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:rds!db-${digest(identifier, 8)}-${digest(identifier, 4)}-${hash.slice(0, 6)}`;
      // The provider's id is the DbiResourceId, not the identifier (a rename keeps the id):
      // hashicorp/terraform-provider-aws internal/service/rds/instance.go, "NOTE ON ID, IDENTIFIER"
      // and `d.SetId(resourceID)` from `DBInstance.DbiResourceId` in resourceInstanceCreate (search
      // index id 1659451291), since v5.0.0 (#31232). RDS forms it as "db-" and capitals and digits.
      const resourceId = `db-${hash.toUpperCase()}`;
      return {
        id: resourceId,
        state: {
          ...state,
          identifier,
          address,
          ...(engine === undefined ? {} : { engine }),
          // Without a known port (a replica of a source outside the plan) the mock invents none.
          ...(port === undefined ? {} : { endpoint: `${address}:${port}`, port }),
          arn: `arn:aws:rds:${region}:${MOCK_ACCOUNT_ID}:db:${identifier}`,
          resourceId,
          masterUserSecrets: inputs["manageMasterUserPassword"] === true ? [{ secretArn, kmsKeyId: inputs["masterUserSecretKmsKeyId"] ?? "", secretStatus: "active" }] : [],
        },
      };
    }
    case "aws:elasticache/replicationGroup:ReplicationGroup": {
      const groupId = physical;
      const suffix = `${digest(region, 6)}.cache.amazonaws.com`;
      return {
        id: groupId,
        state: {
          ...state,
          arn: `arn:aws:elasticache:${region}:${MOCK_ACCOUNT_ID}:replicationgroup:${groupId}`,
          primaryEndpointAddress: `master.${groupId}.${suffix}`,
          readerEndpointAddress: `replica.${groupId}.${suffix}`,
        },
      };
    }
    case "aws:acm/certificate:Certificate": {
      const names = [inputs["domainName"], ...((inputs["subjectAlternativeNames"] as unknown[] | undefined) ?? [])].filter((n): n is string => typeof n === "string");
      const arn = `arn:aws:acm:${region}:${MOCK_ACCOUNT_ID}:certificate/${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(12, 15)}-8${hash.slice(15, 17)}0-${digest(name, 12)}`;
      // As ACM does: a wildcard and its base name share one validation record.
      const domainValidationOptions = names.map((domainName) => {
        const base = domainName.replace(/^\*\./, "");
        return {
          domainName,
          resourceRecordName: `_${digest(`name:${base}`, 32)}.${base}.`,
          resourceRecordType: "CNAME",
          resourceRecordValue: `_${digest(`value:${base}`, 32)}.xlfgrmvvlj.acm-validations.aws.`,
        };
      });
      return { id: arn, state: { ...state, arn, domainValidationOptions, status: "PENDING_VALIDATION" } };
    }
    case "aws:backup/vault:Vault": {
      const vaultName = physical;
      const vaultRegion = typeof inputs["region"] === "string" ? inputs["region"] : region;
      return { id: vaultName, state: { ...state, name: vaultName, arn: `arn:aws:backup:${vaultRegion}:${MOCK_ACCOUNT_ID}:backup-vault:${vaultName}` } };
    }
    case "aws:sns/topic:Topic": {
      const topicName = physical;
      const arn = `arn:aws:sns:${region}:${MOCK_ACCOUNT_ID}:${topicName}`;
      return { id: arn, state: { ...state, name: topicName, arn } };
    }
    case "aws:cloudwatch/metricAlarm:MetricAlarm": {
      const alarmName = physical;
      return { id: alarmName, state: { ...state, name: alarmName, arn: `arn:aws:cloudwatch:${region}:${MOCK_ACCOUNT_ID}:alarm:${alarmName}` } };
    }
    case "aws:lambda/function:Function": {
      // Lambda function ARNs end in `function:<name>` (Lambda API reference, FunctionConfiguration FunctionArn).
      const arn = `arn:aws:lambda:${region}:${MOCK_ACCOUNT_ID}:function:${physical}`;
      return { id: physical, state: { ...state, name: physical, arn, qualifiedArn: `${arn}:$LATEST`, invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`, version: "$LATEST" } };
    }
    case "aws:secretsmanager/secret:Secret": {
      const secretName = physical;
      const arn = `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:${secretName}-${hash.slice(0, 6)}`;
      return { id: arn, state: { ...state, name: secretName, arn } };
    }
    case "aws:ec2/vpc:Vpc":
      return { id, state: { ...state, defaultSecurityGroupId: `sg-${digest(`${name}-default`)}`, mainRouteTableId: `rtb-${digest(`${name}-main`)}`, defaultRouteTableId: `rtb-${digest(`${name}-main`)}`, defaultNetworkAclId: `acl-${digest(`${name}-acl`)}`, ownerId: MOCK_ACCOUNT_ID } };
    default:
      return { id, state: { ...state, name: physical } };
  }
}
