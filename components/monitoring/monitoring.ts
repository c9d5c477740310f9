import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { distinctLabel, formerNameAliases, nameTags } from "../shared/naming";
import { requireDefaultedArgs } from "../shared/required-args";
import { MONITORING_DEFAULTS } from "./defaults";

/**
 * Alarm thresholds. Every alarm evaluates 5-minute periods. The tenant schema fills each from
 * `MONITORING_DEFAULTS.thresholds`; by hand: `{ ...MONITORING_DEFAULTS.thresholds, cpuPercent: 90 }`.
 */
export interface AlarmThresholds {
  /** Share of requests answered 5xx (load balancer and targets), percent. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.http5xxPercent`. */
  http5xxPercent: number;
  /** 95th percentile target response time, seconds. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.responseTimeP95Seconds`. */
  responseTimeP95Seconds: number;
  /** Average CPU of the web group and of the database, percent. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.cpuPercent`. */
  cpuPercent: number;
  /** Database free storage, GiB. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.databaseFreeStorageGiB`. */
  databaseFreeStorageGiB: number;
  /** Database freeable memory, MiB. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.databaseFreeMemoryMiB`. */
  databaseFreeMemoryMiB: number;
  /** Database connections. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.databaseConnections`. */
  databaseConnections: number;
  /** Replica lag, seconds. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.replicaLagSeconds`. */
  replicaLagSeconds: number;
  /** Age of the oldest waiting job, seconds. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.queueAgeSeconds`. */
  queueAgeSeconds: number;
  /** Cache memory used, percent. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.cacheMemoryPercent`. */
  cacheMemoryPercent: number;
  /** Cache evictions per 5 minutes. The tenant schema's default is `MONITORING_DEFAULTS.thresholds.cacheEvictions`. */
  cacheEvictions: number;
}

/** Arguments of {@link Monitoring}. */
export interface MonitoringArgs {
  /** Addresses alerted by e-mail (each confirms its subscription once). @default [] */
  alertEmails?: string[];
  /** HTTPS endpoints alerted (chat or paging webhooks). @default [] */
  webhooks?: string[];
  /** Key encrypting the alert topic (its policy must let CloudWatch use it). */
  kmsKeyArn: pulumi.Input<string>;
  /** Alarm thresholds. */
  thresholds: AlarmThresholds;
  /** Load balancer and target group ARN suffixes, for web alarms. @default undefined */
  loadBalancer?: { arnSuffix: pulumi.Input<string>; targetGroupArnSuffix: pulumi.Input<string> };
  /** Auto Scaling group of the web instances. @default undefined */
  webGroupName?: pulumi.Input<string>;
  /** Worker queue and dead-letter queue names. @default undefined */
  queues?: { jobs: pulumi.Input<string>; deadLetters: pulumi.Input<string> };
  /** Database identifiers (primary, replicas). @default undefined */
  database?: { identifier: string; replicaIdentifiers: string[] };
  /** Cache node ids. @default undefined */
  cacheNodeIds?: string[];
  tags?: Record<string, string>;
}

const PERIOD = 300;

/** An address's readable slug: `ops@acme.com` → `ops-acme-com`. */
export function emailSlug(email: string): string {
  return email.replace(/[^a-zA-Z0-9]+/g, "-");
}

/** A label distinct for each address: its slug when the slug reads back as the address, else slug, `--` and a digest. */
export function emailLabel(email: string): string {
  return distinctLabel(email, emailSlug(email), (slug) => slug.replace("-", "@").replace(/-/g, "."));
}

/** A webhook's readable slug: its host name (`hooks.chat.example` → `hooks-chat-example`). */
export function webhookSlug(url: string): string {
  return new URL(url).hostname.replace(/[^a-zA-Z0-9]+/g, "-");
}

/** A label distinct for each webhook URL (many share a host): the host's slug, `--` and a digest unless the URL is just the host. */
export function webhookLabel(url: string): string {
  return distinctLabel(new URL(url).href, webhookSlug(url), (slug) => `https://${slug.replace(/-/g, ".")}/`);
}
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/**
 * Alarms that reach people: an encrypted SNS topic with e-mail and webhook subscriptions, and
 * CloudWatch alarms on 5-minute periods for the load balancer (5xx rate, p95 latency, healthy and
 * unhealthy hosts), the web group's CPU, the database (CPU, free storage, memory, connections,
 * replica lag), the workers' queue (age of the oldest job, dead letters) and the cache (memory,
 * evictions). Every alarm notifies on ALARM and on OK; missing data is treated per alarm. A
 * dashboard shows the same metrics.
 *
 * Cost: $0.10 per alarm per month (standard resolution), $3 per dashboard per month, SNS e-mail
 * free for the first 1,000 then $2 per 100,000.
 */
export class Monitoring extends pulumi.ComponentResource {
  public readonly topic: aws.sns.Topic;
  public readonly alarms: aws.cloudwatch.MetricAlarm[] = [];
  public readonly dashboardName: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:monitoring:Monitoring", name, {}, opts);
    requireDefaultedArgs(name, args, MONITORING_DEFAULTS, "MONITORING_DEFAULTS");
    const parent = { parent: this };
    const tags = args.tags;
    const t = args.thresholds;

    this.topic = new aws.sns.Topic(`${name}-alerts`, {
      kmsMasterKeyId: args.kmsKeyArn,
      tags: nameTags(`${name}-alerts`, tags),
    }, parent);
    // One subscription per address and URL, named distinctly (`a.b@c.de` and `a@b.c.de` slug
    // alike); names that changed keep their resource through an alias.
    const emails = args.alertEmails ?? [];
    const formerEmailNames = emails.map((email) => `${name}-alerts-${emailSlug(email)}`);
    emails.forEach((email, i) => {
      const subscriptionName = `${name}-alerts-${emailLabel(email)}`;
      new aws.sns.TopicSubscription(subscriptionName, { topic: this.topic.arn, protocol: "email", endpoint: email }, {
        parent: this,
        aliases: formerNameAliases(formerEmailNames[i]!, subscriptionName, formerEmailNames),
      });
    });
    const webhooks = args.webhooks ?? [];
    const formerWebhookNames = webhooks.map((url) => `${name}-alerts-webhook-${webhookSlug(url)}`);
    webhooks.forEach((url, i) => {
      const subscriptionName = `${name}-alerts-webhook-${webhookLabel(url)}`;
      new aws.sns.TopicSubscription(subscriptionName, { topic: this.topic.arn, protocol: "https", endpoint: url, endpointAutoConfirms: false }, {
        parent: this,
        aliases: formerNameAliases(formerWebhookNames[i]!, subscriptionName, formerWebhookNames),
      });
    });

    const alarm = (suffix: string, description: string, spec: Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions" | "alarmDescription" | "tags">) => {
      this.alarms.push(new aws.cloudwatch.MetricAlarm(`${name}-${suffix}`, {
        alarmDescription: description,
        alarmActions: [this.topic.arn],
        okActions: [this.topic.arn],
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        ...spec,
        tags: nameTags(`${name}-${suffix}`, tags),
      }, parent));
    };
    const metric = (namespace: string, metricName: string, dimensions: Record<string, pulumi.Input<string>>, stat: string) =>
      ({ namespace, metricName, dimensions, period: PERIOD, stat });

    if (args.loadBalancer) {
      const lb = { LoadBalancer: args.loadBalancer.arnSuffix };
      const tg = { ...lb, TargetGroup: args.loadBalancer.targetGroupArnSuffix };
      alarm("http-5xx-rate", `More than ${t.http5xxPercent}% of requests answered 5xx`, {
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.http5xxPercent,
        // No requests, no errors.
        treatMissingData: "notBreaching",
        metricQueries: [
          { id: "targets", metric: metric("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", lb, "Sum") },
          { id: "balancer", metric: metric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", lb, "Sum") },
          { id: "requests", metric: metric("AWS/ApplicationELB", "RequestCount", lb, "Sum") },
          { id: "rate", expression: "100 * (FILL(targets, 0) + FILL(balancer, 0)) / requests", label: "5xx %", returnData: true },
        ],
      });
      alarm("response-time-p95", `95th percentile response time above ${t.responseTimeP95Seconds} s`, {
        namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", dimensions: lb, period: PERIOD, extendedStatistic: "p95",
        comparisonOperator: "GreaterThanThreshold", threshold: t.responseTimeP95Seconds, treatMissingData: "notBreaching",
      });
      alarm("unhealthy-hosts", "An instance fails its health checks", {
        namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", dimensions: tg, period: PERIOD, statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold", threshold: 0, treatMissingData: "notBreaching",
      });
      alarm("no-healthy-hosts", "No healthy instance behind the load balancer: the site is down", {
        namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", dimensions: tg, period: PERIOD, statistic: "Minimum",
        comparisonOperator: "LessThanThreshold", threshold: 1, evaluationPeriods: 1, datapointsToAlarm: 1,
        // No data means no target reported healthy.
        treatMissingData: "breaching",
      });
    }
    if (args.webGroupName) {
      alarm("web-cpu", `Web instances above ${t.cpuPercent}% CPU`, {
        namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: { AutoScalingGroupName: args.webGroupName }, period: PERIOD,
        statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: t.cpuPercent, treatMissingData: "missing",
      });
    }
    if (args.database) {
      const db = { DBInstanceIdentifier: args.database.identifier };
      alarm("database-cpu", `Database above ${t.cpuPercent}% CPU`, {
        namespace: "AWS/RDS", metricName: "CPUUtilization", dimensions: db, period: PERIOD, statistic: "Average",
        comparisonOperator: "GreaterThanThreshold", threshold: t.cpuPercent,
        // Database and cache metrics start minutes after the instance is created: no data is not
        // an alarm (it would page on every creation). "missing" keeps the alarm in its state
        // (INSUFFICIENT_DATA at first, which notifies nobody) until data arrives.
        treatMissingData: "missing",
      });
      alarm("database-free-storage", `Database storage below ${t.databaseFreeStorageGiB} GiB free`, {
        namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions: db, period: PERIOD, statistic: "Minimum",
        comparisonOperator: "LessThanThreshold", threshold: t.databaseFreeStorageGiB * GIB, treatMissingData: "missing",
      });
      alarm("database-free-memory", `Database memory below ${t.databaseFreeMemoryMiB} MiB free`, {
        namespace: "AWS/RDS", metricName: "FreeableMemory", dimensions: db, period: PERIOD, statistic: "Minimum",
        comparisonOperator: "LessThanThreshold", threshold: t.databaseFreeMemoryMiB * MIB, treatMissingData: "missing",
      });
      alarm("database-connections", `More than ${t.databaseConnections} database connections`, {
        namespace: "AWS/RDS", metricName: "DatabaseConnections", dimensions: db, period: PERIOD, statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold", threshold: t.databaseConnections, treatMissingData: "missing",
      });
      args.database.replicaIdentifiers.forEach((replica, i) => {
        const lagLimit = t.replicaLagSeconds;
        alarm(`replica-${i + 1}-lag`, `Replica ${replica} more than ${lagLimit} s behind, or not replicating`, {
          comparisonOperator: "GreaterThanThreshold",
          threshold: lagLimit,
          // A replica reports no lag until it is created: no data is not an alarm. A replica whose
          // replication stopped reports ReplicaLag -1 (Amazon RDS User Guide, "Monitoring MySQL
          // read replicas" / "Monitoring MariaDB read replicas": "If the ReplicaLag metric returns
          // -1, then replication is currently not active"), which the expression turns into a breach.
          treatMissingData: "missing",
          metricQueries: [
            { id: "lag", metric: metric("AWS/RDS", "ReplicaLag", { DBInstanceIdentifier: replica }, "Maximum") },
            { id: "effective", expression: `IF(lag < 0, ${lagLimit + 1}, lag)`, label: "replica lag (s); not replicating counts as a breach", returnData: true },
          ],
        });
      });
    }
    if (args.queues) {
      alarm("queue-age", `A job waits longer than ${t.queueAgeSeconds} s`, {
        namespace: "AWS/SQS", metricName: "ApproximateAgeOfOldestMessage", dimensions: { QueueName: args.queues.jobs }, period: PERIOD,
        statistic: "Maximum", comparisonOperator: "GreaterThanThreshold", threshold: t.queueAgeSeconds, treatMissingData: "notBreaching",
      });
      alarm("dead-letters", "Jobs failed repeatedly and wait in the dead-letter queue", {
        namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: args.queues.deadLetters }, period: PERIOD,
        statistic: "Maximum", comparisonOperator: "GreaterThanThreshold", threshold: 0, evaluationPeriods: 1, datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
      });
    }
    for (const node of args.cacheNodeIds ?? []) {
      alarm(`cache-${node.split("-").pop()}-memory`, `Cache node ${node} above ${t.cacheMemoryPercent}% memory`, {
        namespace: "AWS/ElastiCache", metricName: "DatabaseMemoryUsagePercentage", dimensions: { CacheClusterId: node }, period: PERIOD,
        statistic: "Maximum", comparisonOperator: "GreaterThanThreshold", threshold: t.cacheMemoryPercent, treatMissingData: "missing",
      });
      alarm(`cache-${node.split("-").pop()}-evictions`, `Cache node ${node} evicting keys`, {
        namespace: "AWS/ElastiCache", metricName: "Evictions", dimensions: { CacheClusterId: node }, period: PERIOD,
        statistic: "Sum", comparisonOperator: "GreaterThanThreshold", threshold: t.cacheEvictions, treatMissingData: "notBreaching",
      });
    }

    const dashboard = new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
      dashboardName: `${name}-overview`,
      dashboardBody: pulumi.all(this.alarms.map((a) => a.arn)).apply((arns) => JSON.stringify({
        widgets: arns.map((arn, i) => ({
          type: "metric",
          x: (i % 3) * 8,
          y: Math.floor(i / 3) * 6,
          width: 8,
          height: 6,
          // `region` is required in every metric widget ("Properties of a Metric Widget Object",
          // docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Dashboard-Body-Structure.html):
          // the alarm's own, from its ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>).
          properties: { title: arn.split(":alarm:")[1] ?? arn, region: arn.split(":")[3], annotations: { alarms: [arn] }, view: "timeSeries", stacked: false },
        })),
      })),
    }, parent);
    this.dashboardName = dashboard.dashboardName;
    this.registerOutputs({ topicArn: this.topic.arn, dashboardName: this.dashboardName, alarmCount: this.alarms.length });
  }
}
