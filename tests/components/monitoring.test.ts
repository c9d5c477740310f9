/**
 * The Monitoring component on its own: what its doc comments promise
 * (components/monitoring/monitoring.ts): an alert topic encrypted with the given key, one
 * subscription per address and webhook, alarms on 5-minute periods for what it is told exists
 * (load balancer, web group, database and its replicas, queues, cache nodes), each notifying the
 * topic on ALARM and on OK, at the documented default thresholds or the given ones, and a
 * dashboard with one widget per alarm.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Monitoring, MONITORING_DEFAULTS, type MonitoringArgs } from "../../components/monitoring";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, childrenOfType, conventionViolations, idOf } from "./conventions";
import { KEY_ARN } from "./sample-ids";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

/** Everything a tenant with web, workers, a database with one replica and a two-node cache has. */
const WATCHED: MonitoringArgs = {
  ...MONITORING_DEFAULTS,
  kmsKeyArn: KEY_ARN,
  alertEmails: ["ops@shop.example"],
  webhooks: ["https://hooks.chat.example/alerts"],
  loadBalancer: { arnSuffix: "app/shop-alb/0123456789abcdef", targetGroupArnSuffix: "targetgroup/shop-web/fedcba9876543210" },
  webGroupName: "shop-web",
  queues: { jobs: "shop-jobs", deadLetters: "shop-jobs-dead" },
  database: { identifier: "shop-db", replicaIdentifiers: ["shop-db-replica-1"] },
  cacheNodeIds: ["shop-cache-001", "shop-cache-002"],
};

const planMonitoring = (args: MonitoringArgs) => planComponent(({ opts }) => new Monitoring("shop", args, opts));

/** The alarm with a name below the component (`shop-<suffix>`). */
const alarm = (plan: ComponentPlan, suffix: string) => child(plan, ALARM, `shop-${suffix}`).inputs;
/** The periods of an alarm's metric, or of each metric of its math expression. */
const periodsOf = (inputs: Record<string, unknown>): unknown[] => (inputs["metricQueries"]
  ? (inputs["metricQueries"] as { metric?: { period: number } }[]).flatMap((q) => (q.metric ? [q.metric.period] : []))
  : [inputs["period"]]);

let plan: ComponentPlan;
let bare: ComponentPlan;
let tuned: ComponentPlan;
beforeAll(async () => {
  plan = await planMonitoring(WATCHED);
  bare = await planMonitoring({ ...MONITORING_DEFAULTS, kmsKeyArn: KEY_ARN });
  tuned = await planMonitoring({ ...WATCHED, thresholds: { ...MONITORING_DEFAULTS.thresholds, cpuPercent: 65, databaseFreeStorageGiB: 20, replicaLagSeconds: 30 } });
});

describe("Monitoring, alone", () => {
  it("keeps the component conventions: children below it on the given provider, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, { type: "tenant-platform:monitoring:Monitoring", name: "shop", outputs: ["topicArn", "dashboardName", "alarmCount"] })).toEqual([]);
    expect(plan.componentOutputs).toEqual({
      topicArn: idOf(plan, child(plan, "aws:sns/topic:Topic", "shop-alerts")),
      dashboardName: "shop-overview",
      alarmCount: 16,
    });
  });

  it("alerts through a topic encrypted with the given key, one subscription per address and per webhook", () => {
    const topic = child(plan, "aws:sns/topic:Topic", "shop-alerts");
    expect(topic.inputs["kmsMasterKeyId"]).toBe(KEY_ARN);
    const subscriptions = [...childrenOfType(plan, SUBSCRIPTION).values()];
    expect(subscriptions.map((s) => [s.inputs["topic"], s.inputs["protocol"], s.inputs["endpoint"], s.inputs["endpointAutoConfirms"]])).toEqual([
      [idOf(plan, topic), "email", "ops@shop.example", undefined],
      // A chat webhook does not confirm the subscription itself: someone opens the link SNS posts.
      [idOf(plan, topic), "https", "https://hooks.chat.example/alerts", false],
    ]);
  });

  it("gives addresses and webhooks that slug alike subscriptions of their own (one URN each)", async () => {
    const alike = await planMonitoring({
      ...MONITORING_DEFAULTS,
      kmsKeyArn: KEY_ARN,
      alertEmails: ["a.b@c.de", "a@b.c.de"],
      webhooks: ["https://hooks.chat.example/team-a", "https://hooks.chat.example/team-b"],
    });
    const subscriptions = [...childrenOfType(alike, SUBSCRIPTION).values()];
    expect(subscriptions.map((s) => s.inputs["endpoint"])).toEqual(["a.b@c.de", "a@b.c.de", "https://hooks.chat.example/team-a", "https://hooks.chat.example/team-b"]);
    expect(new Set(subscriptions.map((s) => s.name)).size).toBe(4);
  });

  it("alarms on exactly what it is told exists, and on nothing without it", () => {
    expect([...childrenOfType(plan, ALARM).keys()].map((name) => name.replace("shop-", "")).sort()).toEqual([
      "cache-001-evictions", "cache-001-memory", "cache-002-evictions", "cache-002-memory",
      "database-connections", "database-cpu", "database-free-memory", "database-free-storage",
      "dead-letters", "http-5xx-rate", "no-healthy-hosts", "queue-age", "replica-1-lag", "response-time-p95", "unhealthy-hosts", "web-cpu",
    ]);
    expect(childrenOfType(bare, ALARM).size).toBe(0);
    expect(bare.componentOutputs["alarmCount"]).toBe(0);
    expect(alarm(plan, "web-cpu")["dimensions"]).toEqual({ AutoScalingGroupName: "shop-web" });
    expect(alarm(plan, "unhealthy-hosts")["dimensions"]).toEqual({ LoadBalancer: "app/shop-alb/0123456789abcdef", TargetGroup: "targetgroup/shop-web/fedcba9876543210" });
    expect(alarm(plan, "database-cpu")["dimensions"]).toEqual({ DBInstanceIdentifier: "shop-db" });
    expect(alarm(plan, "queue-age")["dimensions"]).toEqual({ QueueName: "shop-jobs" });
    expect(alarm(plan, "dead-letters")["dimensions"]).toEqual({ QueueName: "shop-jobs-dead" });
    expect(alarm(plan, "cache-002-memory")["dimensions"]).toEqual({ CacheClusterId: "shop-cache-002" });
  });

  it("notifies the topic on ALARM and on OK, on 5-minute periods, treating missing data per alarm", () => {
    const topicArn = plan.componentOutputs["topicArn"];
    for (const [name, { inputs }] of childrenOfType(plan, ALARM)) {
      expect(inputs["alarmActions"], name).toEqual([topicArn]);
      expect(inputs["okActions"], name).toEqual([topicArn]);
      expect(["breaching", "notBreaching", "missing"], name).toContain(inputs["treatMissingData"]);
      for (const period of periodsOf(inputs)) expect(period, name).toBe(300);
    }
    // No data from the target group means no target reported healthy: the site is down.
    expect(alarm(plan, "no-healthy-hosts")).toMatchObject({ treatMissingData: "breaching", comparisonOperator: "LessThanThreshold", threshold: 1 });
    expect(alarm(plan, "response-time-p95")["extendedStatistic"]).toBe("p95");
  });

  it("does not page while the database and cache are being created (their metrics start later)", () => {
    const dataTier = [...childrenOfType(plan, ALARM)].filter(([name]) => /^shop-(database|replica|cache)-/.test(name));
    expect(dataTier).toHaveLength(9);
    for (const [name, { inputs }] of dataTier) expect(inputs["treatMissingData"], name).not.toBe("breaching");
  });

  it("counts a replica that stopped replicating (ReplicaLag -1) as lagging", () => {
    const lag = alarm(plan, "replica-1-lag");
    const queries = lag["metricQueries"] as { id: string; expression?: string; returnData?: boolean; metric?: { dimensions: unknown } }[];
    expect(queries.find((q) => q.id === "lag")?.metric?.dimensions).toEqual({ DBInstanceIdentifier: "shop-db-replica-1" });
    expect(queries.filter((q) => q.returnData)).toEqual([expect.objectContaining({ expression: "IF(lag < 0, 61, lag)" })]);
    expect(lag).toMatchObject({ comparisonOperator: "GreaterThanThreshold", threshold: 60 });
    expect((alarm(tuned, "replica-1-lag")["metricQueries"] as { expression?: string }[]).find((q) => q.expression)?.expression).toBe("IF(lag < 0, 31, lag)");
  });

  it("alarms at its documented default thresholds, in the metrics' units", () => {
    const d = MONITORING_DEFAULTS.thresholds;
    expect([
      "http-5xx-rate", "response-time-p95", "web-cpu", "database-cpu", "database-free-storage", "database-free-memory",
      "database-connections", "queue-age", "cache-001-memory", "cache-001-evictions",
    ].map((suffix) => alarm(plan, suffix)["threshold"])).toEqual([
      5, 2, 80, 80, 5 * 1024 ** 3, 256 * 1024 ** 2, 200, 600, 80, 100,
    ]);
    expect([d.http5xxPercent, d.responseTimeP95Seconds, d.cpuPercent, d.databaseFreeStorageGiB, d.databaseFreeMemoryMiB, d.databaseConnections, d.queueAgeSeconds, d.cacheMemoryPercent, d.cacheEvictions])
      .toEqual([5, 2, 80, 5, 256, 200, 600, 80, 100]);
  });

  it("takes the given thresholds and keeps the defaults of the others", () => {
    expect(alarm(tuned, "web-cpu")["threshold"]).toBe(65);
    expect(alarm(tuned, "database-cpu")["threshold"]).toBe(65);
    expect(alarm(tuned, "database-free-storage")["threshold"]).toBe(20 * 1024 ** 3);
    expect(alarm(tuned, "database-free-storage")["alarmDescription"]).toBe("Database storage below 20 GiB free");
    expect(alarm(tuned, "database-connections")["threshold"]).toBe(200);
  });

  it("shows every alarm on its dashboard, each widget in its alarm's region", () => {
    const dashboard = child(plan, "aws:cloudwatch/dashboard:Dashboard", "shop-dashboard");
    expect(dashboard.inputs["dashboardName"]).toBe("shop-overview");
    const widgets = (JSON.parse(dashboard.inputs["dashboardBody"] as string) as { widgets: { properties: { title: string; region: string; annotations: { alarms: string[] } } }[] }).widgets;
    // An alarm's id is its name; its ARN is arn:aws:cloudwatch:<region>:<account>:alarm:<name>.
    const alarmArns = [...childrenOfType(plan, ALARM).values()].map((a) => `arn:aws:cloudwatch:eu-central-1:123456789012:alarm:${idOf(plan, a)}`);
    // (In the order the component made the alarms; their registrations finish in another.)
    expect(widgets.map((w) => w.properties.annotations.alarms).sort()).toEqual(alarmArns.sort().map((arn) => [arn]));
    for (const widget of widgets) expect(widget.properties.region).toBe("eu-central-1");
    for (const widget of widgets) expect(widget.properties.annotations.alarms[0]).toBe(`arn:aws:cloudwatch:eu-central-1:123456789012:alarm:${widget.properties.title}`);
  });
});
