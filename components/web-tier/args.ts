import type * as pulumi from "@pulumi/pulumi";
import type { BootAssumptions } from "./boot-estimate";
import type { AppContainer } from "./user-data";
import type { Architecture } from "./architecture";

export type { Architecture } from "./architecture";

/** A scheduled change of the group's size (Lifesum scales every hour). */
export interface ScheduledScaling {
  /** Unique name within the tier, e.g. `evening-peak`. */
  name: string;
  /** Cron expression (minute hour day month weekday), e.g. `"0 * * * *"` for every hour. */
  recurrence: string;
  /** New minimum size. @default unchanged */
  min?: number;
  /** New maximum size. @default unchanged */
  max?: number;
  /** New desired size. @default unchanged */
  desired?: number;
  /** IANA time zone of the cron expression. @default "UTC" */
  timeZone?: string;
}

/**
 * How the tier scales. By hand: `{ ...WEB_TIER_DEFAULTS.scaling, min: 2, max: 4 }`.
 */
export interface ScalingArgs {
  /** Fewest instances, spread over the zones. */
  min: number;
  /** Most instances. */
  max: number;
  /**
   * Instances at creation; afterwards scaling owns the number (deploys do not reset it).
   * @default min
   */
  desired?: number;
  /**
   * Let target tracking remove instances when load falls; false keeps the group at its peak
   * until a schedule or a person lowers it. The tenant schema's default is `WEB_TIER_DEFAULTS.scaling.scaleIn`.
   */
  scaleIn: boolean;
  /**
   * Average CPU percentage target tracking keeps the group at; 0 disables CPU tracking. The
   * tenant schema's default is `WEB_TIER_DEFAULTS.scaling.cpuTarget`.
   */
  cpuTarget: number;
  /**
   * Requests per instance per minute that target tracking keeps the group at (load balancer
   * request count per target); unset to scale on CPU only.
   * @default undefined
   */
  requestsPerTarget?: number;
  /**
   * Seconds a new instance needs before its metrics count (and before instance refresh moves on).
   * The tenant schema's default is `WEB_TIER_DEFAULTS.scaling.warmupSeconds`.
   */
  warmupSeconds: number;
  /** Scheduled size changes. @default [] */
  schedules?: ScheduledScaling[];
}

/**
 * Load balancer settings. By hand: `{ ...WEB_TIER_DEFAULTS.loadBalancer, certificateArn }`.
 */
export interface LoadBalancerArgs {
  /**
   * ARN of the ACM certificate for the HTTPS listener (issued for the tenant's hostnames). Without
   * one there is no HTTPS listener yet (a new zone waiting for its name servers): the HTTP
   * listener redirects and the group uses EC2 health checks. @default undefined
   */
  certificateArn?: pulumi.Input<string>;
  /** Refuse deletion of the load balancer through the API. The tenant schema's default is `WEB_TIER_DEFAULTS.loadBalancer.deletionProtection`. */
  deletionProtection: boolean;
  /**
   * Why the load balancer may be deleted (the tenant leaves): deletion protection is turned off
   * and the load balancer carries the reason in the tag `tenant-platform:deletion`, which the
   * policy pack reads as the declared intent. @default undefined (deletion per `deletionProtection`)
   */
  deletionReason?: string;
  /** Seconds an idle connection stays open. The tenant schema's default is `WEB_TIER_DEFAULTS.loadBalancer.idleTimeoutSeconds`. */
  idleTimeoutSeconds: number;
  /**
   * Seconds in-flight requests get to finish when an instance leaves (the target group's
   * deregistration delay, which Auto Scaling waits for before terminating an instance), and the
   * longest nginx waits for the application's response, so the two never disagree; at least 1.
   * The tenant schema's default is `WEB_TIER_DEFAULTS.loadBalancer.deregistrationDelaySeconds`.
   */
  deregistrationDelaySeconds: number;
  /** Seconds of cookie stickiness; 0 turns stickiness off. The tenant schema's default is `WEB_TIER_DEFAULTS.loadBalancer.stickinessSeconds`. */
  stickinessSeconds: number;
  /** Days access logs are kept in their bucket. The tenant schema's default is `WEB_TIER_DEFAULTS.loadBalancer.accessLogRetentionDays`. */
  accessLogRetentionDays: number;
  /**
   * Require client certificates signed by this CA (PEM) on HTTPS: authenticated origin pulls,
   * so only the tenant's Cloudflare zone reaches the load balancer. @default undefined (off)
   */
  clientCaPem?: pulumi.Input<string>;
  /** Resources that must exist before certificates are required (the zone's origin-pull setting). @default [] */
  clientCaDependsOn?: pulumi.Resource[];
}

/** Health checks of the instances. By hand: `{ ...WEB_TIER_DEFAULTS.healthCheck }`. */
export interface HealthCheckArgs {
  /**
   * Liveness path of the application: the load balancer checks nginx's health path, which asks
   * this path with Host `localhost` and counts any answer (even 400 or 500) as healthy, and the
   * instance's heartbeat probes it every 30 s. The tenant schema's default is `WEB_TIER_DEFAULTS.healthCheck.path`.
   */
  path: string;
  /**
   * Seconds after launch before failed checks replace an instance.
   * @default a third above the estimated boot of the instance type (boot-estimate.ts; docs/instance-runtime.md), rounded up to 30 s
   */
  gracePeriodSeconds?: number;
  /** Seconds between the load balancer's checks of nginx. Every tenant gets `WEB_TIER_DEFAULTS.healthCheck.intervalSeconds`. */
  intervalSeconds: number;
  /** Status codes of nginx's health path that count as healthy. Every tenant gets `WEB_TIER_DEFAULTS.healthCheck.matcher`. */
  matcher: string;
}

/**
 * An optional second group running the same image as queue workers (Celery-style). By hand:
 * `{ ...WEB_TIER_DEFAULTS.workers, command: ["celery", "-A", "app", "worker"] }`.
 */
export interface WorkersArgs {
  /** Command the worker containers run. */
  command: string[];
  /** Instance type of the workers. @default the web instance type */
  instanceType?: string;
  /** Fewest workers. The tenant schema's default is `WEB_TIER_DEFAULTS.workers.min`. */
  min: number;
  /** Most workers. The tenant schema's default is `WEB_TIER_DEFAULTS.workers.max`. */
  max: number;
  /** Visible messages per worker that target tracking keeps the queue at. The tenant schema's default is `WEB_TIER_DEFAULTS.workers.messagesPerWorker`. */
  messagesPerWorker: number;
  /** Seconds a received message stays hidden from other workers. The tenant schema's default is `WEB_TIER_DEFAULTS.workers.visibilityTimeoutSeconds`. */
  visibilityTimeoutSeconds: number;
  /** Receives after which a message moves to the dead-letter queue. The tenant schema's default is `WEB_TIER_DEFAULTS.workers.maxReceiveCount`. */
  maxReceiveCount: number;
  /**
   * Seconds a worker gets after SIGTERM to finish its task (`docker stop -t`; systemd waits
   * 30 s longer) on a scale-in, an instance refresh or a secret swap. The group's termination
   * lifecycle hook holds a terminating worker this long and a little more (drain-script.ts).
   * The tenant schema's default is `WEB_TIER_DEFAULTS.workers.stopTimeoutSeconds`.
   */
  stopTimeoutSeconds: number;
}

/**
 * Arguments of {@link WebTier}. The settings the tenant schema fills are required; by hand, spread
 * the defaults level by level: `{ ...WEB_TIER_DEFAULTS, scaling: { ...WEB_TIER_DEFAULTS.scaling, min, max }, loadBalancer: { ...WEB_TIER_DEFAULTS.loadBalancer }, healthCheck: { ...WEB_TIER_DEFAULTS.healthCheck }, workers: undefined, … }`.
 */
export interface WebTierArgs {
  /** VPC of the tier. */
  vpcId: pulumi.Input<string>;
  /** IPv4 block of the VPC: where the load balancer connects to nginx from. */
  vpcCidrBlock: string;
  /** Public subnets, one per zone: the load balancer's. */
  publicSubnetIds: pulumi.Input<string>[];
  /** Private subnets, one per zone: the instances'. */
  privateSubnetIds: pulumi.Input<string>[];
  /** Region of the tier (user data and log shipping). */
  region: string;
  /** Instance type; changing it rolls the group to the new size (scale up). @example "t4g.small" */
  instanceType: string;
  /**
   * AMI to run. Without it every deploy takes the latest Amazon Linux 2023 image from its SSM
   * public parameter, and a new image rolls the groups (an instance refresh) on the next deploy.
   * @default latest Amazon Linux 2023 for the architecture
   */
  imageId?: string;
  /** CPU architecture; must match the instance type. @default derived from the instance type */
  architecture?: Architecture;
  /** The application container. */
  app: AppContainer;
  /**
   * Environment the platform adds to the container (database and cache endpoints), known only
   * after those resources exist. Merged over `app.env`. @default {}
   */
  connectionEnv?: Record<string, pulumi.Input<string>>;
  /**
   * Secret references the platform adds (database password, cache token), in the form of
   * `app.secrets`; the instances may read exactly these and the app's own. @default {}
   */
  connectionSecrets?: Record<string, pulumi.Input<string>>;
  /** Group sizes and scaling. */
  scaling: ScalingArgs;
  /** Load balancer settings, with the HTTPS certificate. */
  loadBalancer: LoadBalancerArgs;
  /** Instance health checks; the grace period is derived from the boot estimate unless set. */
  healthCheck: HealthCheckArgs;
  /**
   * What the boot estimate assumes about the application (image size, its own start time); the
   * grace periods derive from the estimate. @default { imageMegabytes: 300, appBootSeconds: 30 }
   */
  bootAssumptions?: BootAssumptions;
  /** Queue workers. @default none */
  workers?: WorkersArgs;
  /** Root volume size in GiB (gp3, encrypted). The tenant schema's default is `WEB_TIER_DEFAULTS.rootVolumeGiB`. */
  rootVolumeGiB: number;
  /** KMS key for root volumes and log groups (its policy must allow CloudWatch Logs). @default AWS-managed keys */
  kmsKeyArn?: pulumi.Input<string>;
  /** Prefix of the tier's log group names (`<prefix>/app`, `<prefix>/nginx`, `<prefix>/worker`). */
  logGroupPrefix: string;
  /** Days the tier's logs are kept. The tenant schema's default is `WEB_TIER_DEFAULTS.logRetentionDays`. */
  logRetentionDays: number;
  /**
   * Extra tags on the instances' role, so policies elsewhere can name it by tag
   * (`aws:PrincipalTag/<key>`) without knowing its generated name.
   * @default {}
   */
  instanceRoleTags?: Record<string, string>;
  /** Record instance metrics every minute (about $2.10 per instance per month). Every tenant gets `WEB_TIER_DEFAULTS.detailedMonitoring`. */
  detailedMonitoring: boolean;
  /** Tags for every child that takes tags. @default {} */
  tags?: Record<string, string>;
  /**
   * Tags for what the Auto Scaling groups launch (instances, their volumes and network
   * interfaces) and for the groups, on top of `tags`: pass the provider's default tags here. The
   * AWS provider's default tags reach neither: "Default tags are currently not propagated to ASG
   * created resources" (`tagSpecifications`, @pulumi/aws `ec2/launchTemplate.d.ts`), and a
   * group's tags are `tag` blocks, not the `tags` map default tags merge into.
   * @default {}
   */
  launchedTags?: Record<string, string>;
  /**
   * ARN of the managed policy every IAM role this component creates carries as its permissions
   * boundary: the most its policies can grant (IAM User Guide, access_policies_boundaries.html).
   * A deploy role whose policy requires one (the bootstrap's) cannot create the roles without it.
   * @default none
   */
  permissionsBoundary?: pulumi.Input<string>;
}
