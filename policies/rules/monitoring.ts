/** Notification and alarm rules: topics encrypted, alarms notify someone. */
import { resourceRule } from "../rule";

export const snsEncrypted = resourceRule({
  name: "sns-topic-encrypted",
  control: "FSBP SNS.1",
  description: "SNS topics are encrypted with a KMS key",
  types: ["aws:sns/topic:Topic"],
  check: ({ props }) => (!props["kmsMasterKeyId"] ? ["the topic is not encrypted: set kmsMasterKeyId"] : []),
});

export const alarmsHaveActions = resourceRule({
  name: "alarm-has-actions",
  control: "FSBP CloudWatch.15",
  description: "CloudWatch alarms notify someone",
  types: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
  check: ({ props }) => (((props["alarmActions"] as unknown[] | undefined) ?? []).length === 0 ? ["the alarm has no actions"] : []),
});
