/** Each reference tenant in tenants/ plans with the defining features of its seed write-up. */
import { describe, expect, it } from "vitest";
import type { TenantPlan } from "../../policies/plan-types";
import { planTenant } from "../../tools/plan/run-plan";
import { idOf, named } from "../helpers/plan-queries";
import { ofType } from "../helpers/temp-tenants";

const plan = (id: string) => planTenant(id, "samples");
const alarms = (p: TenantPlan) => ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm");

/** EC2 refuses user data above 16 KiB (before base64). */
const USER_DATA_LIMIT = 16 * 1024;

describe("reference tenants", () => {
  it.each(["lionsbase", "lionsbase-south", "lamp-distributed", "roadiz", "lifesum", "tipster", "example", "example-ha"])("%s: user data fits EC2's 16 KiB", async (id) => {
    const p = await plan(id);
    for (const template of ofType(p, "aws:ec2/launchTemplate:LaunchTemplate")) {
      expect(Buffer.from(template.inputs["userData"] as string, "base64").length, template.name).toBeLessThan(USER_DATA_LIMIT);
    }
  });

  it("lionsbase: hot standby, a read replica in every zone, 10/30-day retention off-site, 5-minute alarms", async () => {
    const p = await plan("lionsbase");
    expect(named(p, "aws:rds/instance:Instance", "lionsbase-db").inputs["multiAz"]).toBe(true);
    const replicaZones = ofType(p, "aws:rds/instance:Instance").filter((r) => r.name.includes("replica")).map((r) => r.inputs["availabilityZone"]);
    expect(new Set(replicaZones)).toEqual(new Set(p.outputs["availabilityZones"] as string[]));
    const [daily] = named(p, "aws:backup/plan:Plan", "lionsbase-plan").inputs["rules"] as { lifecycle: { deleteAfter: number }; copyActions: { destinationVaultArn: string; lifecycle: { deleteAfter: number } }[] }[];
    expect(daily!.lifecycle.deleteAfter).toBe(10);
    expect(daily!.copyActions[0]!.lifecycle.deleteAfter).toBe(30);
    expect(daily!.copyActions[0]!.destinationVaultArn).toMatch(/^arn:aws:backup:eu-west-1:/);
    expect(alarms(p).length).toBeGreaterThan(8);
    for (const alarm of alarms(p)) expect(alarm.inputs["period"] ?? 300).toBe(300);
    expect(named(p, "cloudflare:index/healthcheck:Healthcheck", "lionsbase-health").inputs["interval"]).toBe(300);
    // Exchange with the second district: its account's app roles, nobody else.
    const grants = (JSON.parse(named(p, "aws:s3/bucketPolicy:BucketPolicy", "lionsbase-exchange").inputs["policy"] as string) as { Statement: { Effect: string; Principal?: { AWS: string }; Condition?: { ArnLike?: Record<string, string>; StringEquals?: Record<string, string> } }[] }).Statement
      .filter((s) => s.Effect === "Allow").map((s) => `${s.Principal?.AWS} ${s.Condition?.ArnLike?.["aws:PrincipalArn"]} ${s.Condition?.StringEquals?.["aws:PrincipalTag/tenant-platform-app-role"]}`);
    expect(new Set(grants)).toEqual(new Set(["arn:aws:iam::222222222222:root arn:aws:iam::222222222222:role/lionsbase-south-instances-* lionsbase-south"]));
    expect(named(p, "aws:iam/rolePolicy:RolePolicy", "lionsbase-exchange-reader").inputs["policy"]).toContain("arn:aws:s3:::lionsbase-south-exchange-222222222222/*");
  });

  it("lionsbase-south: a second similar district from the medium preset, in its own account and region", async () => {
    const p = await plan("lionsbase-south");
    expect(p.outputs["region"]).toBe("eu-west-1");
    expect(named(p, "pulumi:providers:aws", "lionsbase-south-aws").inputs["allowedAccountIds"]).toBe('["222222222222"]');
    expect(named(p, "aws:rds/instance:Instance", "lionsbase-south-db").inputs).toMatchObject({ instanceClass: "db.m7g.large", multiAz: true, backupRetentionPeriod: 14 });
    expect(named(p, "aws:autoscaling/group:Group", "lionsbase-south-web").inputs).toMatchObject({ minSize: 2, maxSize: 6 });
    expect(ofType(p, "aws:ec2/natGateway:NatGateway")).toHaveLength(2);
  });

  it("lamp-distributed: three zones, three web servers minimum, primary plus two replicas, HTTPS only", async () => {
    const p = await plan("lamp-distributed");
    expect(p.outputs["availabilityZones"]).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    expect(named(p, "aws:autoscaling/group:Group", "lamp-distributed-web").inputs["minSize"]).toBe(3);
    expect(ofType(p, "aws:rds/instance:Instance").filter((r) => r.name.includes("replica"))).toHaveLength(2);
    expect(named(p, "aws:lb/listener:Listener", "lamp-distributed-http").inputs["defaultActions"]).toEqual([
      expect.objectContaining({ type: "redirect" }),
    ]);
  });

  it("roadiz: MariaDB, a Redis-compatible cache, the back office and sessions never cached, backups off-site, mail", async () => {
    const p = await plan("roadiz");
    expect(named(p, "aws:sesv2/emailIdentity:EmailIdentity", "roadiz-mail").inputs["emailIdentity"]).toBe("roadiz-site.example");
    const mailRecords = ofType(p, "cloudflare:index/dnsRecord:DnsRecord").filter((r) => r.name.startsWith("roadiz-mail-"));
    expect(mailRecords.map((r) => r.inputs["type"]).sort()).toEqual(["CNAME", "CNAME", "CNAME", "MX", "TXT", "TXT"]);
    expect(named(p, "aws:rds/instance:Instance", "roadiz-db").inputs["engine"]).toBe("mariadb");
    expect(named(p, "aws:elasticache/replicationGroup:ReplicationGroup", "roadiz-cache").inputs["engine"]).toBe("valkey");
    const [, bypass] = named(p, "cloudflare:index/ruleset:Ruleset", "roadiz-cache-rules").inputs["rules"] as { expression: string }[];
    expect(bypass!.expression).toContain('http.cookie contains "PHPSESSID="');
    expect(named(p, "aws:s3/bucket:Bucket", "roadiz-backups-offsite").inputs["region"]).toBe("eu-central-1");
  });

  it("lifesum: workers on a queue, hourly scheduled scaling, Redis with a replica, MySQL with fail-over", async () => {
    const p = await plan("lifesum");
    expect(named(p, "cloudflare:index/dnsRecord:DnsRecord", "lifesum-media").inputs).toMatchObject({ name: "media.lifesum.example", proxied: true });
    expect(named(p, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "lifesum-media").inputs["corsRules"]).toEqual([
      expect.objectContaining({ allowedOrigins: ["https://www.lifesum.example"] }),
    ]);
    expect(named(p, "aws:autoscaling/group:Group", "lifesum-worker").inputs).toMatchObject({ minSize: 2, maxSize: 12 });
    expect(ofType(p, "aws:sqs/queue:Queue").map((q) => q.name).sort()).toEqual(["lifesum-dead-letters", "lifesum-jobs"]);
    expect(ofType(p, "aws:autoscaling/schedule:Schedule").map((s) => s.inputs["recurrence"]).sort()).toEqual(["20 * * * *", "55 * * * *"]);
    expect(named(p, "aws:elasticache/replicationGroup:ReplicationGroup", "lifesum-cache").inputs).toMatchObject({ numCacheClusters: 2, automaticFailoverEnabled: true });
    expect(named(p, "aws:rds/instance:Instance", "lifesum-db").inputs["multiAz"]).toBe(true);
  });

  it("tipster: a /16 with public and private subnets in two zones, one NAT, only the load balancer public", async () => {
    const p = await plan("tipster");
    expect(named(p, "aws:ec2/vpc:Vpc", "tipster-vpc").inputs["cidrBlock"]).toBe("10.60.0.0/16");
    expect(ofType(p, "aws:ec2/subnet:Subnet").map((s) => s.name).sort()).toEqual([
      "tipster-isolated-a", "tipster-isolated-b", "tipster-private-a", "tipster-private-b", "tipster-public-a", "tipster-public-b",
    ]);
    expect(ofType(p, "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    expect(ofType(p, "aws:lb/loadBalancer:LoadBalancer").map((l) => l.inputs["internal"])).toEqual([false]);
    expect(named(p, "aws:rds/instance:Instance", "tipster-db").inputs["publiclyAccessible"]).toBe(false);
    const dbGroup = idOf(p, named(p, "aws:ec2/securityGroup:SecurityGroup", "tipster-db"));
    const instances = idOf(p, named(p, "aws:ec2/securityGroup:SecurityGroup", "tipster-instances"));
    // The database admits the instances and the function that manages its application users, nothing else.
    const usersFunction = idOf(p, named(p, "aws:ec2/securityGroup:SecurityGroup", "tipster-db-app-fn"));
    const rules = ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs["securityGroupId"] === dbGroup);
    expect(rules.map((r) => r.inputs["referencedSecurityGroupId"]).sort()).toEqual([instances, usersFunction].sort());
    expect(ofType(p, "aws:backup/selection:Selection")).toHaveLength(1);
  });
});
