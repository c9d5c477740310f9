/**
 * The defaults of `WebTierArgs` (args.ts): the component uses them for what its caller leaves out, and
 * the tenant-file schema fills its fields from them.
 */

/** What `WebTierArgs` (args.ts) leaves out becomes. */
export const WEB_TIER_DEFAULTS = {
  scaling: {
    scaleIn: true,
    cpuTarget: 50,
    warmupSeconds: 180,
  } as const,
  loadBalancer: {
    deletionProtection: true,
    idleTimeoutSeconds: 60,
    /**
     * Seconds a leaving instance keeps its requests in flight (the target group's deregistration
     * delay), and with it the longest nginx waits for the application's response
     * (`proxy_read_timeout`, web-tier.ts): every request nginx lets run finishes before the
     * instance leaves. 60, nginx's own default read timeout
     * (https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout).
     */
    deregistrationDelaySeconds: 60,
    stickinessSeconds: 0,
    accessLogRetentionDays: 90,
  } as const,
  healthCheck: {
    path: "/",
    /** Seconds between the load balancer's checks of nginx. */
    intervalSeconds: 15,
    matcher: "200-399",
  } as const,
  workers: {
    min: 1,
    max: 4,
    messagesPerWorker: 100,
    visibilityTimeoutSeconds: 300,
    maxReceiveCount: 5,
    stopTimeoutSeconds: 120,
  } as const,
  rootVolumeGiB: 20,
  logRetentionDays: 30,
  detailedMonitoring: true,
} as const;
