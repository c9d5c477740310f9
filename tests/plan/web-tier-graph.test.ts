/** The WebTier as the offline plan records it: instances, group, load balancer, security groups. */
import { afterEach, describe, expect, it } from "vitest";
import { HEALTH_REPORT_TAG_KEY } from "../../components/web-tier/instance-policy";
import { NGINX_HEALTH_PATH } from "../../components/web-tier/nginx-config";
import { LOAD_BALANCER_PORTS } from "../../components/web-tier/security-groups";
import { MOCK_AMI_ID, MOCK_CLOUDFLARE_IP_RANGES } from "../../tools/plan/mock-fixtures";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { idOf, named } from "../helpers/plan-queries";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";
import { writtenFiles } from "../../components/web-tier/cloud-config-files";
import { CERTIFICATE, DB_SECRET, webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

/** The plain web tenant, planned once for the tests that only read it. */
let plainWeb: Promise<TenantPlan> | undefined;
const webPlan = () => (plainWeb ??= planYaml("acme", webTenantYaml()));

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ASG = "aws:autoscaling/group:Group";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

function userDataOf(template: PlannedResource): { text: string; files: Record<string, string> } {
  const text = Buffer.from(template.inputs["userData"] as string, "base64").toString("utf8");
  const files = writtenFiles(text);
  return { text: Object.values(files).join("\n"), files };
}

describe("WebTier instances", () => {
  it("launch with IMDSv2 only, no public IP, an encrypted gp3 root volume and the Amazon Linux image", async () => {
    const plan = await webPlan();
    const template = named(plan, LT, "acme-web");
    expect(template.inputs).toMatchObject({
      instanceType: "t4g.small",
      imageId: MOCK_AMI_ID,
      metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 2 },
      networkInterfaces: [{ associatePublicIpAddress: "false", deviceIndex: 0 }],
    });
    const key = ofType(plan, "aws:kms/key:Key")[0]!;
    expect((template.inputs["blockDeviceMappings"] as unknown[])[0]).toMatchObject({
      deviceName: "/dev/xvda",
      ebs: { volumeType: "gp3", encrypted: "true", volumeSize: 20, kmsKeyId: `arn:aws:kms:eu-central-1:123456789012:key/${idOf(plan, key)}` },
    });
    const images = plan.invokes.filter((i) => i.token === "aws:ssm/getParameter:getParameter").map((i) => i.inputs["name"]);
    expect(images).toEqual(["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"]);
  });

  it("run one version of an ECR image fleet-wide: the tag resolved to its digest at deploy, in the repository's region", async () => {
    const ecr = "123456789012.dkr.ecr.us-east-1.amazonaws.com/acme/site";
    const plan = await planYaml("acme", webTenantYaml().replace("ghcr.io/acme/site:1.4", `${ecr}:1.4`));
    const lookups = plan.invokes.filter((i) => i.token === "aws:ecr/getImage:getImage");
    expect(lookups.map((i) => i.inputs)).toEqual([expect.objectContaining({ registryId: "123456789012", region: "us-east-1", repositoryName: "acme/site", imageTag: "1.4" })]);
    const start = userDataOf(named(plan, LT, "acme-web")).files["/usr/local/sbin/tenant-app-start"]!;
    expect(start).toMatch(new RegExp(`readonly IMAGE='${ecr.replace(/\./g, "\\.")}@sha256:[0-9a-f]{64}'`));
    // Logged in to the registry's region, whatever the tenant's.
    expect(start).toContain("aws ecr get-login-password --region 'us-east-1'");

    const pinned = `${ecr}@sha256:${"a".repeat(64)}`;
    const asWritten = await planYaml("acme", webTenantYaml().replace("ghcr.io/acme/site:1.4", pinned));
    expect(asWritten.invokes.filter((i) => i.token === "aws:ecr/getImage:getImage")).toEqual([]);
    expect(userDataOf(named(asWritten, LT, "acme-web")).files["/usr/local/sbin/tenant-app-start"]).toContain(`readonly IMAGE='${pinned}'`);
  });

  it("run a pinned image when the file names one", async () => {
    const plan = await planYaml("acme", webTenantYaml().replace("  instanceType: t4g.small", "  instanceType: t4g.small\n  amiId: ami-0123456789abcdef0"));
    expect(named(plan, LT, "acme-web").inputs["imageId"]).toBe("ami-0123456789abcdef0");
    expect(plan.invokes.filter((i) => i.token === "aws:ssm/getParameter:getParameter")).toEqual([]);
  });

  it("pick the x86 image for an x86 instance type", async () => {
    const yaml = webTenantYaml().replace("instanceType: t4g.small", "instanceType: m7i.large");
    const plan = await planYaml("acme", yaml);
    expect(named(plan, LT, "acme-web").inputs["instanceType"]).toBe("m7i.large");
    const images = plan.invokes.filter((i) => i.token === "aws:ssm/getParameter:getParameter").map((i) => i.inputs["name"]);
    expect(images).toEqual(["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"]);
  });

  it("boot nginx in front of the container, with Cloudflare's ranges and secret references only", async () => {
    const plan = await webPlan();
    const { text, files } = userDataOf(named(plan, LT, "acme-web"));
    const site = files["/etc/nginx/conf.d/tenant.conf"]!;
    expect(site).toContain("set_real_ip_from 10.20.0.0/16;");
    for (const cidr of [...MOCK_CLOUDFLARE_IP_RANGES.ipv4Cidrs, ...MOCK_CLOUDFLARE_IP_RANGES.ipv6Cidrs]) {
      expect(site).toContain(`    ${cidr} cloudflare;`);
    }
    expect(site).toContain("include /etc/nginx/tenant-upstream.conf;");
    expect(files["/etc/nginx/tenant-upstream.conf"]).toBe("server 127.0.0.1:18080;\n");
    expect(files["/usr/local/sbin/tenant-app-secrets"]).toContain(`resolve_secret DB_PASSWORD '${DB_SECRET}'`);
    expect(files["/usr/local/sbin/tenant-app-start"]).toContain("--log-opt awslogs-group='/tenant/acme/app'");
    expect(files["/etc/tenant/app.env"]).toBe("APP_ENV=production\nAWS_REGION=eu-central-1\nAWS_DEFAULT_REGION=eu-central-1\nPORT=8080\n");
    expect(text).not.toMatch(/password\s*=/i);
  });

  it("run in an Auto Scaling group over the private subnets that rolls changes out without losing capacity", async () => {
    const plan = await webPlan();
    const group = named(plan, ASG, "acme-web");
    const privateIds = ["a", "b"].map((l) => idOf(plan, named(plan, "aws:ec2/subnet:Subnet", `acme-private-${l}`)));
    expect(group.inputs).toMatchObject({
      minSize: 2,
      maxSize: 6,
      vpcZoneIdentifiers: privateIds,
      healthCheckType: "ELB",
      // A third above the estimated boot of a t4g.small web instance (boot-grace.test.ts).
      healthCheckGracePeriod: 270,
      targetGroupArns: [idOf(plan, named(plan, "aws:lb/targetGroup:TargetGroup", "acme-web"))],
      instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, skipMatching: true } },
      launchTemplate: { id: idOf(plan, named(plan, LT, "acme-web")), version: "1" },
    });
    expect(group.inputs["desiredCapacity"]).toBeUndefined();
    expect(group.options.dependsOn.sort()).toEqual([
      named(plan, "aws:iam/rolePolicy:RolePolicy", "acme-instances").urn,
      named(plan, "aws:lb/listener:Listener", "acme-https").urn,
    ].sort());
    expect(group.options.ignoreChanges).toEqual(["desiredCapacity"]);
  });

  it("scale on CPU, on requests per target and on schedules", async () => {
    const yaml = webTenantYaml().replace(
      "  scaling: { min: 2, max: 6 }",
      '  scaling:\n    min: 2\n    max: 8\n    cpuTarget: 60\n    requestsPerTarget: 1200\n    schedules:\n      - { name: hourly, cron: "0 * * * *", min: 4 }',
    );
    const plan = await planYaml("acme", yaml);
    const policies = ofType(plan, "aws:autoscaling/policy:Policy");
    expect(policies.map((p) => p.name).sort()).toEqual(["acme-web-cpu", "acme-web-requests"]);
    expect(named(plan, "aws:autoscaling/policy:Policy", "acme-web-cpu").inputs["targetTrackingConfiguration"])
      .toMatchObject({ targetValue: 60, predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" } });
    const requests = named(plan, "aws:autoscaling/policy:Policy", "acme-web-requests").inputs["targetTrackingConfiguration"] as { predefinedMetricSpecification: { resourceLabel: string } };
    expect(requests.predefinedMetricSpecification.resourceLabel).toMatch(/^app\/acme-alb-[0-9a-f]+\/[0-9a-f]{16}\/targetgroup\/acme-web-[0-9a-f]+\/[0-9a-f]{16}$/);
    expect(named(plan, "aws:autoscaling/policy:Policy", "acme-web-cpu").inputs["targetTrackingConfiguration"]).toMatchObject({ disableScaleIn: false });
    expect(named(plan, "aws:autoscaling/schedule:Schedule", "acme-web-hourly").inputs).toMatchObject({
      recurrence: "0 * * * *", minSize: 4, maxSize: -1, desiredCapacity: -1, timeZone: "UTC",
    });
  });

  it("size the group at creation from desired, and can keep scale-in off", async () => {
    const plan = await planYaml("acme", webTenantYaml().replace("  scaling: { min: 2, max: 6 }", "  scaling: { min: 2, max: 6, desired: 3, scaleIn: false }"));
    expect(named(plan, ASG, "acme-web").inputs["desiredCapacity"]).toBe(3);
    expect(named(plan, "aws:autoscaling/policy:Policy", "acme-web-cpu").inputs["targetTrackingConfiguration"]).toMatchObject({ disableScaleIn: true });
  });

  it("scale up by instance type without replacing the template or the group", async () => {
    const small = await webPlan();
    const large = await planYaml("acme", webTenantYaml().replace("t4g.small", "m7g.large"));
    for (const [type, name] of [[LT, "acme-web"], [ASG, "acme-web"]] as const) {
      expect(named(large, type, name).urn).toBe(named(small, type, name).urn);
    }
    const before = named(small, LT, "acme-web").inputs;
    const after = named(large, LT, "acme-web").inputs;
    const changed = Object.keys({ ...before, ...after }).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    expect(changed).toEqual(["instanceType"]);
  });
});

describe("WebTier load balancer", () => {
  it("is internet-facing in the public subnets, drops invalid headers, keeps access logs and resists deletion", async () => {
    const plan = await webPlan();
    const alb = named(plan, "aws:lb/loadBalancer:LoadBalancer", "acme-alb");
    const publicIds = ["a", "b"].map((l) => idOf(plan, named(plan, "aws:ec2/subnet:Subnet", `acme-public-${l}`)));
    const logs = named(plan, "aws:s3/bucket:Bucket", "acme-access-logs");
    expect(alb.inputs).toMatchObject({
      internal: false,
      loadBalancerType: "application",
      subnets: publicIds,
      dropInvalidHeaderFields: true,
      enableDeletionProtection: true,
      accessLogs: { enabled: true, bucket: logs.inputs["bucket"] ?? idOf(plan, logs) },
    });
    expect(logs.options.retainOnDelete).toBe(true);
    expect(alb.options.dependsOn).toEqual([named(plan, "aws:s3/bucketPolicy:BucketPolicy", "acme-access-logs").urn]);
    expect(named(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "acme-access-logs").inputs).toMatchObject({
      blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    const policy = JSON.parse(named(plan, "aws:s3/bucketPolicy:BucketPolicy", "acme-access-logs").inputs["policy"] as string);
    expect(policy.Statement.map((s: { Principal: unknown }) => s.Principal)).toEqual([
      { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
      { AWS: "arn:aws:iam::054676820928:root" },
      "*",
    ]);
  });

  it("serves HTTPS with the TLS 1.3 policy and the file's certificate, and only redirects HTTP", async () => {
    const plan = await webPlan();
    expect(named(plan, "aws:lb/listener:Listener", "acme-https").inputs).toMatchObject({
      port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: CERTIFICATE,
      defaultActions: [{ type: "forward" }],
    });
    expect(named(plan, "aws:lb/listener:Listener", "acme-http").inputs).toMatchObject({
      port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
  });

  it("checks nginx's health path, which asks the application's liveness path, and the instance probes it too", async () => {
    const plan = await planYaml("acme", webTenantYaml().replace("  loadBalancer:", "  healthCheck: { path: /healthz, gracePeriodSeconds: 120 }\n  loadBalancer:"));
    // nginx turns any answer of the application into 200 (nginx-site.test.ts): the load balancer
    // sends the target's IP as Host, and a failing dependency must not fail every target at once.
    expect(named(plan, "aws:lb/targetGroup:TargetGroup", "acme-web").inputs).toMatchObject({
      port: 80, protocol: "HTTP", deregistrationDelay: 60, healthCheck: { path: NGINX_HEALTH_PATH, matcher: "200-399" },
    });
    const { files } = userDataOf(named(plan, LT, "acme-web"));
    expect(files["/etc/nginx/conf.d/tenant.conf"]).toContain(`location = ${NGINX_HEALTH_PATH} {\n        access_log off;\n        proxy_pass http://tenant_app/healthz;\n        proxy_set_header Host localhost;`);
    expect(files["/usr/local/sbin/tenant-app-heartbeat"]).toContain("'/healthz'");
    expect(named(plan, ASG, "acme-web").inputs["healthCheckGracePeriod"]).toBe(120);
  });
});

describe("WebTier security groups", () => {
  it("admit the load balancer's ports from Cloudflare's ranges only, built from getIpRanges", async () => {
    const plan = await webPlan();
    const lists = ofType(plan, "aws:ec2/managedPrefixList:ManagedPrefixList");
    const entries = (family: string) =>
      (lists.find((l) => l.inputs["addressFamily"] === family)!.inputs["entries"] as { cidr: string }[]).map((e) => e.cidr);
    expect(entries("IPv4")).toEqual([...MOCK_CLOUDFLARE_IP_RANGES.ipv4Cidrs].sort());
    expect(entries("IPv6")).toEqual([...MOCK_CLOUDFLARE_IP_RANGES.ipv6Cidrs].sort());
    expect(plan.invokes.map((i) => i.token)).toContain("cloudflare:index/getIpRanges:getIpRanges");
    for (const list of lists) expect((list.inputs["maxEntries"] as number) * LOAD_BALANCER_PORTS.length).toBeLessThanOrEqual(60);

    const albGroup = idOf(plan, named(plan, "aws:ec2/securityGroup:SecurityGroup", "acme-alb"));
    const albRules = ofType(plan, INGRESS).filter((r) => r.inputs["securityGroupId"] === albGroup);
    expect(albRules.map((r) => `${String(r.inputs["fromPort"])} ${lists.find((l) => idOf(plan, l) === r.inputs["prefixListId"])!.inputs["addressFamily"] as string}`).sort())
      .toEqual(["443 IPv4", "443 IPv6", "80 IPv4", "80 IPv6"]);
  });

  it("let instances in from the load balancer only, and nothing in from the whole internet", async () => {
    const plan = await webPlan();
    const albGroup = idOf(plan, named(plan, "aws:ec2/securityGroup:SecurityGroup", "acme-alb"));
    const instanceGroup = idOf(plan, named(plan, "aws:ec2/securityGroup:SecurityGroup", "acme-instances"));
    const instanceRules = ofType(plan, INGRESS).filter((r) => r.inputs["securityGroupId"] === instanceGroup);
    expect(instanceRules.map((r) => r.inputs)).toEqual([expect.objectContaining({ referencedSecurityGroupId: albGroup, fromPort: 80, toPort: 80 })]);
    for (const rule of ofType(plan, INGRESS)) {
      expect(rule.inputs["cidrIpv4"], rule.name).not.toBe("0.0.0.0/0");
      expect(rule.inputs["cidrIpv6"], rule.name).not.toBe("::/0");
    }
    for (const group of ofType(plan, "aws:ec2/securityGroup:SecurityGroup")) expect(group.inputs["ingress"] ?? []).toEqual([]);
    const albEgress = ofType(plan, EGRESS).filter((r) => r.inputs["securityGroupId"] === albGroup);
    expect(albEgress.map((r) => r.inputs)).toEqual([expect.objectContaining({ referencedSecurityGroupId: instanceGroup, fromPort: 80 })]);
  });
});

describe("WebTier permissions", () => {
  it("grant the instances their own logs, secrets and Session Manager, and no wildcard actions", async () => {
    // (ReadOwnSecrets: the ARN names its 6-character suffix, so the exact ARN and the suffixed name.)
    const plan = await webPlan();
    const policy = JSON.parse(named(plan, "aws:iam/rolePolicy:RolePolicy", "acme-instances").inputs["policy"] as string);
    const bySid = Object.fromEntries(policy.Statement.map((s: { Sid: string }) => [s.Sid, s]));
    expect(Object.keys(bySid).sort()).toEqual(["PublishAgentMetrics", "ReadOwnParameters", "ReadOwnSecrets", "ReportOwnHealth", "SessionManager", "UseTenantKey", "WriteOwnLogs"]);
    // Health reports go to the tier's own groups only: the groups carry the tag, the policy requires it.
    expect(bySid.ReportOwnHealth).toMatchObject({
      Action: ["autoscaling:SetInstanceHealth"],
      Resource: "arn:aws:autoscaling:eu-central-1:123456789012:autoScalingGroup:*:autoScalingGroupName/*",
      Condition: { StringEquals: { [`autoscaling:ResourceTag/${HEALTH_REPORT_TAG_KEY}`]: "acme" } },
    });
    expect(named(plan, ASG, "acme-web").inputs["tags"]).toContainEqual({ key: HEALTH_REPORT_TAG_KEY, value: "acme", propagateAtLaunch: false });
    expect(bySid.ReadOwnSecrets.Resource).toEqual([DB_SECRET, `${DB_SECRET}-??????`]);
    expect(bySid.UseTenantKey.Condition).toEqual({ StringEquals: { "kms:ViaService": ["secretsmanager.eu-central-1.amazonaws.com", "ssm.eu-central-1.amazonaws.com"] } });
    expect(bySid.SessionManager.Action.every((a: string) => a.startsWith("ssm:UpdateInstanceInformation") || a.startsWith("ssmmessages:"))).toBe(true);
    expect(bySid.ReadOwnParameters.Resource).toEqual(["arn:aws:ssm:eu-central-1:123456789012:parameter/acme/api-key"]);
    expect(bySid.WriteOwnLogs.Resource).toEqual([
      "arn:aws:logs:eu-central-1:123456789012:log-group:/tenant/acme/app", "arn:aws:logs:eu-central-1:123456789012:log-group:/tenant/acme/app:*",
      "arn:aws:logs:eu-central-1:123456789012:log-group:/tenant/acme/nginx", "arn:aws:logs:eu-central-1:123456789012:log-group:/tenant/acme/nginx:*",
    ]);
    for (const statement of policy.Statement) {
      for (const action of statement.Action) expect(action).not.toMatch(/\*/);
    }
    // The managed core policy would read every SSM parameter of the account.
    expect(ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith("acme-instances"))).toEqual([]);
  });
});

describe("WebTier workers", () => {
  const withWorkers = () => webTenantYaml().replace("  loadBalancer:", '  workers: { command: [celery, -A, acme, worker], min: 1, max: 5, messagesPerWorker: 50, stopTimeoutSeconds: 240 }\n  loadBalancer:');

  it("run the same image with the worker command on their own group, fed by an encrypted queue with a dead-letter queue", async () => {
    const plan = await planYaml("acme", withWorkers());
    const key = `arn:aws:kms:eu-central-1:123456789012:key/${idOf(plan, ofType(plan, "aws:kms/key:Key")[0]!)}`;
    const jobs = named(plan, "aws:sqs/queue:Queue", "acme-jobs");
    const dead = named(plan, "aws:sqs/queue:Queue", "acme-dead-letters");
    expect(jobs.inputs).toMatchObject({ kmsMasterKeyId: key, visibilityTimeoutSeconds: 300 });
    expect(dead.inputs).toMatchObject({ kmsMasterKeyId: key });
    expect(JSON.parse(jobs.inputs["redrivePolicy"] as string)).toEqual({ deadLetterTargetArn: `arn:aws:sqs:eu-central-1:123456789012:${idOf(plan, dead).split("/").pop()}`, maxReceiveCount: 5 });

    const group = named(plan, ASG, "acme-worker");
    expect(group.inputs).toMatchObject({ minSize: 1, maxSize: 5, healthCheckType: "EC2" });
    expect(group.inputs["targetGroupArns"]).toBeUndefined();
    const { files } = userDataOf(named(plan, LT, "acme-worker"));
    expect(files["/usr/local/sbin/tenant-app-start"]).toContain("'celery' '-A' 'acme' 'worker'");
    expect(files["/usr/local/sbin/tenant-app-start"]).not.toContain("-p 127.0.0.1");
    expect(files["/etc/nginx/conf.d/tenant.conf"]).toBeUndefined();
    expect(files["/etc/tenant/app.env"]).toContain(`TENANT_QUEUE_URL=https://sqs.eu-central-1.amazonaws.com/123456789012/`);
    expect(files["/etc/tenant/app.env"]).toMatch(/^TENANT_QUEUE_NAME=acme-jobs-[0-9a-f]+$/m);
    expect(files["/etc/tenant/app.env"]).toContain("AWS_REGION=eu-central-1\nAWS_DEFAULT_REGION=eu-central-1\n");
    // The worker's drain time from the tenant file, in docker and in systemd.
    expect(files["/etc/systemd/system/tenant-app@.service"]).toContain("ExecStop=/usr/bin/docker stop -t 240 tenant-app-%i\n");
    expect(files["/etc/systemd/system/tenant-app@.service"]).toContain("TimeoutStopSec=270\n");
    expect(named(plan, ASG, "acme-worker").inputs["tags"]).toContainEqual({ key: HEALTH_REPORT_TAG_KEY, value: "acme", propagateAtLaunch: false });

    const backlog = named(plan, "aws:autoscaling/policy:Policy", "acme-worker-backlog").inputs["targetTrackingConfiguration"] as { targetValue: number; customizedMetricSpecification: { metrics: { id: string; expression?: string }[] } };
    expect(backlog.targetValue).toBe(50);
    expect(backlog.customizedMetricSpecification.metrics.map((m) => m.expression ?? m.id)).toEqual(["visible", "workers", "visible / workers"]);

    const policy = JSON.parse(named(plan, "aws:iam/rolePolicy:RolePolicy", "acme-instances").inputs["policy"] as string);
    const queueStatement = policy.Statement.find((s: { Sid: string }) => s.Sid === "UseOwnQueue");
    expect(queueStatement.Resource).toEqual([`arn:aws:sqs:eu-central-1:123456789012:${idOf(plan, jobs).split("/").pop()}`]);
  });
});

describe("WebTier without NAT", () => {
  it("reaches AWS through interface endpoints in the private subnets", async () => {
    const yaml = webTenantYaml({ nat: "none" }).replace("ghcr.io/acme/site:1.4", "123456789012.dkr.ecr.eu-central-1.amazonaws.com/acme/site:1.4");
    const plan = await planYaml("acme", yaml);
    const endpoints = ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs["vpcEndpointType"] === "Interface");
    expect(endpoints.map((e) => (e.inputs["serviceName"] as string).replace("com.amazonaws.eu-central-1.", "")).sort()).toEqual([
      "autoscaling", "ec2messages", "ecr.api", "ecr.dkr", "logs", "monitoring", "secretsmanager", "ssm", "ssmmessages",
    ]);
    const privateIds = ["a", "b"].map((l) => idOf(plan, named(plan, "aws:ec2/subnet:Subnet", `acme-private-${l}`)));
    for (const endpoint of endpoints) expect(endpoint.inputs).toMatchObject({ privateDnsEnabled: true, subnetIds: privateIds });
    expect(ofType(plan, "aws:ec2/natGateway:NatGateway")).toEqual([]);
    const policy = JSON.parse(named(plan, "aws:iam/rolePolicy:RolePolicy", "acme-instances").inputs["policy"] as string);
    expect(policy.Statement.find((s: { Sid: string }) => s.Sid === "PullOwnImage").Resource).toBe("arn:aws:ecr:eu-central-1:123456789012:repository/acme/site");
  });
});
