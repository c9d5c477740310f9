/** Pricers of monitoring, logs, keys, messaging and secrets. */
import { numberInput, part, stringInput, type Pricer } from "../pricing-context";
import { round } from "./network-compute";

/** A CloudWatch alarm: billed per metric it evaluates (a metric-math alarm per metric in it). */
export const priceAlarm: Pricer = (alarm, context) => {
  const queries = alarm.inputs["metricQueries"];
  const metrics = Array.isArray(queries) ? Math.max(1, queries.filter((q: { metric?: unknown }) => q.metric !== undefined).length) : 1;
  return [part(`${metrics} alarm metric${metrics === 1 ? "" : "s"}`, context.price(context.regionOf(alarm), "cloudwatchAlarmMonth"), metrics)];
};

/** A CloudWatch dashboard. */
export const priceDashboard: Pricer = (dashboard, context) => [
  part("1 dashboard", context.price(context.regionOf(dashboard), "cloudwatchDashboardMonth"), 1),
];

/** Days in a month, for retention arithmetic. */
const DAYS_PER_MONTH = 30;

/**
 * A log group: the assumed ingestion, and the storage it reaches at its retention (a group that
 * never expires is counted after a year).
 */
export const priceLogGroup: Pricer = (group, context) => {
  const region = context.regionOf(group);
  const gb = context.assumptions.logIngestGbPerGroup;
  const retention = numberInput(group, "retentionInDays") ?? 0;
  const months = retention > 0 ? Math.min(retention, 365) / DAYS_PER_MONTH : 12;
  const kept = retention > 0 ? `${retention} days` : "a year (no expiry)";
  return [
    part(`${gb} GB ingested (logIngestGbPerGroup)`, context.price(region, "logsIngestGb"), gb),
    part(`${round(gb * months)} GB stored at ${kept}`, context.price(region, "logsStorageGbMonth"), gb * months),
  ];
};

/** A KMS key: one key-month, up to three once two yearly rotations have added key versions. */
export const priceKmsKey: Pricer = (key, context) => {
  const rotates = key.inputs["enableKeyRotation"] === true || key.inputs["enableKeyRotation"] === "true";
  return [part(rotates ? "1 key (up to 3 after two yearly rotations)" : "1 key", context.price(context.regionOf(key), "kmsKeyMonth"), 1, rotates ? 3 : 1)];
};

/** An SNS topic: the assumed notifications published. */
export const priceTopic: Pricer = (topic, context) => {
  const n = context.assumptions.alertNotifications;
  return [part(`${n} publishes (alertNotifications)`, context.price(context.regionOf(topic), "snsPublishPerMillion"), n / 1e6)];
};

/** An SNS subscription: each assumed notification delivered by e-mail or HTTPS. */
export const priceSubscription: Pricer = (subscription, context) => {
  const n = context.assumptions.alertNotifications;
  const region = context.regionOf(subscription);
  const protocol = stringInput(subscription, "protocol") ?? "";
  if (protocol === "email" || protocol === "email-json") return [part(`${n} e-mail deliveries`, context.price(region, "snsEmailPer100k"), n / 1e5)];
  if (protocol === "https" || protocol === "http") return [part(`${n} HTTPS deliveries`, context.price(region, "snsHttpsPerMillion"), n / 1e6)];
  return [];
};

/** An SQS queue: the assumed requests. */
export const priceQueue: Pricer = (queue, context) => {
  const millions = context.assumptions.queueRequestsMillions;
  return [part(`${millions} million requests (queueRequestsMillions)`, context.price(context.regionOf(queue), "sqsPerMillion"), millions)];
};

/** A Secrets Manager secret. */
export const priceSecret: Pricer = (secret, context) => [
  part("1 secret", context.price(context.regionOf(secret), "secretsManagerSecretMonth"), 1),
];

/** An SES identity: the assumed outbound e-mail (the identity itself is free). */
export const priceMailIdentity: Pricer = (identity, context) => {
  const thousands = context.assumptions.mailThousandsPerMonth;
  return [part(`${thousands}k e-mails sent (mailThousandsPerMonth)`, context.price(context.regionOf(identity), "sesPerThousandEmails"), thousands)];
};
