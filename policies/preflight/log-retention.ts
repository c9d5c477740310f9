/**
 * Log group retention: one of the values CloudWatch Logs' PutRetentionPolicy accepts, or none
 * (never expire). Sources: CloudWatch Logs API Reference, PutRetentionPolicy `retentionInDays`;
 * terraform-provider-aws internal/service/logs/group.go (`retention_in_days` IntInSlice).
 */
import { isLogRetention, LOG_RETENTION_DAYS } from "../../components/shared/aws-catalog";
import { resourceRule } from "../rule";
import { PREFLIGHT } from "./control";

export const logRetentionAccepted = resourceRule({
  name: "log-group-retention-accepted",
  control: PREFLIGHT,
  description: "CloudWatch log groups keep events for a retention CloudWatch Logs accepts",
  types: ["aws:cloudwatch/logGroup:LogGroup"],
  check: ({ props }) => {
    const days = props["retentionInDays"];
    if (days === undefined || days === null) return [];
    return isLogRetention(Number(days)) ? [] : [`retentionInDays ${String(days)} is not accepted by CloudWatch Logs; use one of ${LOG_RETENTION_DAYS.join(", ")}`];
  },
});
