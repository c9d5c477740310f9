/** AWS Backup rules: vaults encrypted with a customer-managed key, an off-site copy, retention as the tenant file declares. */
import { resourceRule, stackRule, type StackFinding } from "../rule";
import { ofType, referencedBy, type StackResource } from "../stack-view";
import { record, records, text } from "./values";

const VAULT = "aws:backup/vault:Vault";
const PLAN = "aws:backup/plan:Plan";

export const backupVaultEncrypted = resourceRule({
  name: "backup-vault-cmk",
  control: "FSBP Backup.1",
  description: "Backup vaults encrypt recovery points with a customer-managed KMS key",
  types: [VAULT],
  check: ({ props }) => {
    const key = props["kmsKeyArn"];
    if (typeof key !== "string" || key === "") return ["the vault uses AWS's default key: set kmsKeyArn to a customer-managed key"];
    return key.includes(":alias/aws/") ? ["the vault uses an AWS-managed key: set kmsKeyArn to a customer-managed key"] : [];
  },
});

/** The plan's rules that copy recovery points elsewhere. */
const copyingRules = (plan: StackResource) => records(plan.props["rules"]).filter((rule) => records(rule["copyActions"]).length > 0);

export const backupOffsiteCopy = stackRule({
  name: "backup-offsite-copy",
  control: "platform data safety",
  description: "Backup plans copy recovery points to a vault in another region (the tenant file's aws.backupRegion when it declares backups)",
  check: ({ resources, declared }) => {
    const plans = ofType(resources, PLAN);
    if (declared && !declared.backup) return [];
    const wanted = declared?.backup?.offsiteRegion;
    const findings: StackFinding[] = plans.flatMap((plan): StackFinding[] => {
      const offsite = copyingRules(plan).length === 0 ? [] : referencedBy(plan, "rules", VAULT).filter((vault) => vault.region !== undefined && vault.region !== plan.region);
      if (offsite.length === 0) return [{ urn: plan.urn, message: "the backup plan copies nothing to another region" }];
      if (wanted && !offsite.some((vault) => vault.region === wanted)) {
        return [{ urn: plan.urn, message: `off-site copies go to ${offsite.map((v) => v.region).join(", ")}, not the declared aws.backupRegion ${wanted}` }];
      }
      return [];
    });
    if (declared?.backup && plans.length === 0) {
      const anchor = resources[0];
      if (anchor) findings.push({ urn: anchor.urn, message: "the tenant file declares backups but the stack has no backup plan" });
    }
    return findings;
  },
});

export const backupRetentionAsDeclared = stackRule({
  name: "backup-retention-as-declared",
  control: "platform data safety",
  description: "Recovery points are kept as long as the tenant file declares: backup.snapshotsKeepDays locally, backup.backupsKeepDays off-site",
  check: ({ resources, declared }) => {
    const wanted = declared?.backup;
    if (!wanted) return [];
    return ofType(resources, PLAN).flatMap((plan) => copyingRules(plan).flatMap((rule): StackFinding[] => {
      const local = Number(record(rule["lifecycle"])["deleteAfter"]);
      const copies = records(rule["copyActions"]).map((copy) => Number(record(copy["lifecycle"])["deleteAfter"]));
      const name = text(rule["ruleName"]);
      const findings: StackFinding[] = [];
      if (local !== wanted.snapshotsKeepDays) {
        findings.push({ urn: plan.urn, message: `rule ${name} keeps recovery points ${Number.isNaN(local) ? "forever" : `${local} days`}; the tenant file declares backup.snapshotsKeepDays: ${wanted.snapshotsKeepDays}` });
      }
      for (const days of copies.filter((d) => d !== wanted.backupsKeepDays)) {
        findings.push({ urn: plan.urn, message: `rule ${name} keeps off-site copies ${Number.isNaN(days) ? "forever" : `${days} days`}; the tenant file declares backup.backupsKeepDays: ${wanted.backupsKeepDays}` });
      }
      return findings;
    }));
  },
});
