/**
 * Storage autoscaling's ceiling: RDS refuses a maximum that is not above the allocated storage
 * ("Max storage size must be greater than storage size") and wants it at least 10 % above
 * ("Managing capacity automatically with Amazon RDS storage autoscaling",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html). To turn
 * autoscaling off, leave maxAllocatedStorage out (terraform-provider-aws
 * internal/service/rds/instance.go then sends the allocation itself, which the API accepts on
 * ModifyDBInstance only).
 */
import { minimumStorageCeilingGiB } from "../../components/shared/aws-catalog";
import { resourceRule } from "../rule";
import { PREFLIGHT } from "./control";

export const rdsStorageCeiling = resourceRule({
  name: "rds-storage-autoscaling-ceiling",
  control: PREFLIGHT,
  description: "An RDS storage autoscaling ceiling, when set, is at least 10 % above the allocated storage",
  types: ["aws:rds/instance:Instance"],
  check: ({ props }) => {
    const ceiling = Number(props["maxAllocatedStorage"] ?? 0);
    const allocated = Number(props["allocatedStorage"] ?? 0);
    if (!ceiling || !allocated) return [];
    const minimum = minimumStorageCeilingGiB(allocated);
    return ceiling < minimum
      ? [`maxAllocatedStorage ${ceiling} GiB is not at least 10 % above allocatedStorage ${allocated} GiB (at least ${minimum}); leave it out to turn autoscaling off`]
      : [];
  },
});
