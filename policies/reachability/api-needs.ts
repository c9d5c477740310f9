/**
 * What an instance group must reach outside the VPC, read from the stack: the AWS APIs its role
 * lets it call (each allowed action's service, in the region of the resource it names), and the
 * image registry its boot script pulls from when that is not ECR.
 *
 * Service names are the endpoint names of `com.amazonaws.<region>.<name>` (AWS PrivateLink guide,
 * "AWS services that integrate with AWS PrivateLink"); they differ from the IAM prefix for
 * CloudWatch (`monitoring`), SES (`email`, the API at email.<region>.amazonaws.com) and ECR
 * (`ecr.api` for GetAuthorizationToken, `ecr.dkr` for the image and its layers, which come from S3
 * in the repository's region: ECR user guide, "Amazon ECR interface VPC endpoints").
 */
import { writtenFiles } from "../../components/web-tier/cloud-config-files";
import { known, ofType, referencedBy, referencing, type StackResource } from "../stack-view";
import { records, strings, text } from "../rules/values";
import { TYPES, type NetworkModel, type Workload } from "./network-model";

/** An AWS API an instance group calls. */
export interface ApiNeed {
  /** Endpoint service name: `ssm`, `ecr.dkr`, `s3`, `email`, … */
  readonly service: string;
  /** Region of the endpoint it calls; undefined when the stack cannot tell (a bucket outside it). */
  readonly region: string | undefined;
  /** Why: the first action or condition that needs it. */
  readonly reason: string;
}

/** A host outside AWS's APIs an instance group reaches over HTTPS. */
export interface InternetNeed {
  readonly host: string;
  readonly reason: string;
}

const SERVICE_OF_PREFIX: Readonly<Record<string, string>> = { cloudwatch: "monitoring", ses: "email" };
/** ECR actions served by the registry endpoint (`<account>.dkr.ecr.<region>.amazonaws.com`) rather than the API. */
const ECR_REGISTRY_ACTIONS = new Set(["BatchGetImage", "GetDownloadUrlForLayer", "BatchCheckLayerAvailability"]);
const ECR_REGISTRY = /^\d{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/;

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

function statementsOf(policy: unknown): Statement[] {
  let document: unknown = policy;
  if (typeof policy === "string") {
    try {
      document = JSON.parse(policy);
    } catch {
      return [];
    }
  }
  return records((document as { Statement?: unknown } | undefined)?.Statement);
}

/** The region part of an ARN (`arn:partition:service:region:…`), or undefined when it has none. */
function arnRegion(arn: string): string | undefined {
  const region = arn.split(":")[3];
  return region ? region : undefined;
}

/** `s3.eu-central-1.amazonaws.com` → { service: "s3", region: "eu-central-1" }. */
function viaService(host: string): { service: string; region: string } | undefined {
  const match = /^([a-z0-9-]+)\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com$/.exec(host);
  return match ? { service: match[1]!, region: match[2]! } : undefined;
}

/** Buckets of the stack by name, with their region. */
function bucketRegions(resources: readonly StackResource[]): Map<string, string> {
  const regions = new Map<string, string>();
  for (const bucket of ofType(resources, TYPES.bucket)) {
    const name = known(bucket.props, "bucket");
    if (typeof name === "string" && bucket.region) regions.set(name, bucket.region);
  }
  return regions;
}

/**
 * The needs of one policy document, in `ownRegion` unless a resource says otherwise. A bucket's
 * region comes from the stack's bucket of that name, else from the stack's buckets the document
 * is built from (when they share one region), else from the document's `kms:ViaService` for S3.
 */
function documentNeeds(statements: readonly Statement[], ownRegion: string | undefined, buckets: Map<string, string>, builtFrom: readonly StackResource[]): ApiNeed[] {
  const builtFromRegions = [...new Set(builtFrom.map((bucket) => bucket.region))];
  const builtFromRegion = builtFromRegions.length === 1 ? builtFromRegions[0] : undefined;
  const allowed = statements.filter((s) => s.Effect === "Allow");
  const vias = allowed.flatMap((s) => strings(s.Condition?.["StringEquals"]?.["kms:ViaService"]).map((host) => ({ host, via: viaService(host) })));
  const s3ViaRegions = [...new Set(vias.filter((v) => v.via?.service === "s3").map((v) => v.via!.region))];
  const needs: ApiNeed[] = vias.flatMap(({ host, via }) => (via ? [{ ...via, reason: `kms:ViaService ${host}` }] : []));
  for (const statement of allowed) {
    const resources = strings(statement.Resource);
    const viaKms = strings(statement.Condition?.["StringEquals"]?.["kms:ViaService"]).length > 0;
    for (const action of strings(statement.Action)) {
      const [prefix = "", name = ""] = action.split(":");
      // KMS used only through another service is called by that service, not by the instance.
      if (prefix === "kms" && viaKms) continue;
      const regionsOf = (fallback: string | undefined) => {
        const found = resources.map((arn) => arnRegion(arn)).filter((r): r is string => r !== undefined);
        return found.length > 0 ? [...new Set(found)] : [fallback];
      };
      if (prefix === "s3") {
        for (const arn of resources) {
          const bucket = arn.split(":::")[1]?.split("/")[0] ?? "";
          const region = buckets.get(bucket) ?? builtFromRegion ?? (s3ViaRegions.length === 1 ? s3ViaRegions[0] : undefined);
          // Several regions named through S3: each is a need of its own already (above).
          if (region === undefined && s3ViaRegions.length > 1) continue;
          needs.push({ service: "s3", region, reason: `${action} on ${bucket}` });
        }
      } else if (prefix === "ecr") {
        const service = ECR_REGISTRY_ACTIONS.has(name) ? "ecr.dkr" : "ecr.api";
        for (const region of regionsOf(ownRegion)) {
          needs.push({ service, region, reason: action });
          // Image layers are downloaded from S3 in the repository's region.
          if (service === "ecr.dkr") needs.push({ service: "s3", region, reason: `${action} (image layers)` });
        }
      } else {
        for (const region of regionsOf(ownRegion)) needs.push({ service: SERVICE_OF_PREFIX[prefix] ?? prefix, region, reason: action });
      }
    }
  }
  return needs;
}

/** The role of an instance group (launch template → instance profile → role). */
function roleOf(workload: Workload): StackResource | undefined {
  const template = referencedBy(workload.resource, "launchTemplate", TYPES.launchTemplate)[0];
  const profile = template ? referencedBy(template, "iamInstanceProfile", TYPES.instanceProfile)[0] : undefined;
  return profile ? referencedBy(profile, "role", TYPES.role)[0] : undefined;
}

/** The AWS APIs an instance group's role lets it call, one need per service and region. */
export function apiNeeds(model: NetworkModel, workload: Workload): ApiNeed[] {
  const role = roleOf(workload);
  if (!role) return [];
  const buckets = bucketRegions(model.resources);
  const needs = referencing(model.resources, role, TYPES.rolePolicy, "role")
    .flatMap((policy) => documentNeeds(statementsOf(known(policy.props, "policy")), workload.resource.region, buckets, referencedBy(policy, "policy", TYPES.bucket)));
  const unique = new Map<string, ApiNeed>();
  for (const need of needs) {
    const key = `${need.service}@${need.region ?? "?"}`;
    if (!unique.has(key)) unique.set(key, need);
  }
  return [...unique.values()].sort((a, b) => a.service.localeCompare(b.service) || (a.region ?? "").localeCompare(b.region ?? ""));
}

/**
 * The image registry the boot script pulls from, when it is not ECR (ECR is an AWS API need of
 * the role): the script names its image as `readonly IMAGE=…` in the launch template's user data.
 */
export function internetNeeds(workload: Workload): InternetNeed[] {
  const template = referencedBy(workload.resource, "launchTemplate", TYPES.launchTemplate)[0];
  const userData = template ? known(template.props, "userData") : undefined;
  if (typeof userData !== "string") return [];
  // The scripts travel gzip-compressed inside the cloud-config (write_files `gz+b64`).
  const decoded = Buffer.from(userData, "base64").toString("utf8");
  let scripts: string;
  try {
    scripts = Object.values(writtenFiles(decoded)).join("\n");
  } catch {
    scripts = decoded; // not a cloud-config: a plain script
  }
  const image = /readonly IMAGE=(?:'([^']*)'|(\S+))/.exec(scripts);
  const reference = image?.[1] ?? image?.[2];
  if (!reference) return [];
  const head = reference.split("/")[0] ?? "";
  // A first part without a dot or port is a Docker Hub repository (docker.io/library/…).
  const host = reference.includes("/") && /[.:]/.test(head) ? head : "docker.io";
  if (ECR_REGISTRY.test(host)) return [];
  return [{ host, reason: `the boot pulls ${text(reference)}` }];
}
