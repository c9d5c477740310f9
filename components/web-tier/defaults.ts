/**
 * The defaults of `WebTierArgs` (args.ts): the tenant-file schema fills its fields from them, and
 * a caller building the args by hand spreads them (the component itself falls back on nothing).
 */

/** The settings of `WebTierArgs` (args.ts) a tenant file may leave out. */
export const WEB_TIER_DEFAULTS = {
  scaling: {
    /** Target tracking removes instances when load falls. */
    scaleIn: true,
    /** Average CPU percentage target tracking keeps. */
    cpuTarget: 50,
    /** Seconds before a new instance's metrics count. */
    warmupSeconds: 180,
  } as const,
  loadBalancer: {
    /** The API refuses to delete the load balancer. */
    deletionProtection: true,
    /** Seconds an idle connection stays open (the load balancer's own default). */
    idleTimeoutSeconds: 60,
    /**
     * Seconds a leaving instance keeps its requests in flight (the target group's deregistration
     * delay), and with it the longest nginx waits for the application's response
     * (`proxy_read_timeout`, tier-launch.ts): every request nginx lets run finishes before the
     * instance leaves. 60, nginx's own default read timeout
     * (https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout).
     */
    deregistrationDelaySeconds: 60,
    /** No cookie stickiness. */
    stickinessSeconds: 0,
    /** Days access logs are kept in their bucket. */
    accessLogRetentionDays: 90,
  } as const,
  healthCheck: {
    /** The application's root path answers the liveness probe. */
    path: "/",
    /** Seconds between the load balancer's checks of nginx. */
    intervalSeconds: 15,
    /** Status codes of nginx's health path that count as healthy. */
    matcher: "200-399",
  } as const,
  workers: {
    /** Fewest workers. */
    min: 1,
    /** Most workers. */
    max: 4,
    /** Visible messages per worker that target tracking keeps the queue at. */
    messagesPerWorker: 100,
    /** Seconds a received message stays hidden from other workers. */
    visibilityTimeoutSeconds: 300,
    /** Receives after which a message moves to the dead-letter queue. */
    maxReceiveCount: 5,
    /** Seconds a worker gets after SIGTERM to finish its task. */
    stopTimeoutSeconds: 120,
  } as const,
  /** Root volume size in GiB. */
  rootVolumeGiB: 20,
  /** Days the tier's logs are kept. */
  logRetentionDays: 30,
  /** Instance metrics every minute. */
  detailedMonitoring: true,
} as const;
