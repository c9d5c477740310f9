/** Data-safety rules: the platform's own, so that no routine change loses data. */
import { declaresReplacement } from "../replacement-intent";
import { resourceRule } from "../rule";

export const statefulProtected = resourceRule({
  name: "stateful-resources-protected",
  control: "platform data safety",
  description: "Databases, vaults, keys, buckets and Cloudflare zones are protected so no update can delete or replace them, unless the tenant file declares the replacement",
  types: ["aws:rds/instance:Instance", "aws:backup/vault:Vault", "aws:kms/key:Key", "aws:s3/bucket:Bucket", "cloudflare:index/zone:Zone"],
  check: ({ type, props, opts }) => {
    if (type === "aws:rds/instance:Instance" && props["replicateSourceDb"]) return []; // replicas hold no data of their own
    // A replacement declared in the tenant file travels as a tag with its reason.
    return opts.protect || declaresReplacement(props) ? [] : ["the resource is not protected (Pulumi protect)"];
  },
});

export const databaseFinalSnapshot = resourceRule({
  name: "database-final-snapshot",
  control: "platform data safety, FSBP RDS.8",
  description: "A deleted database always leaves a final snapshot, and refuses deletion through the API unless the tenant file declares its replacement",
  types: ["aws:rds/instance:Instance"],
  check: ({ props }) => {
    if (props["replicateSourceDb"]) return [];
    const problems: string[] = [];
    if (props["skipFinalSnapshot"] === true || !props["finalSnapshotIdentifier"]) problems.push("no final snapshot would be taken");
    if (props["deletionProtection"] !== true && !declaresReplacement(props)) problems.push("deletion protection is off, and the tenant file declares no replacement");
    return problems;
  },
});
