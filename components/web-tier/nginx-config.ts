/**
 * The nginx site every web instance runs in front of the application container: the real client
 * IP from Cloudflare, a health endpoint, gzip, timeouts, body limits and long cache headers for
 * static assets. Rendered as a conf.d file (an `http`-level include), as nginx packages load them.
 */

/** Settings of the rendered nginx site. */
export interface NginxSiteOptions {
  /** Port nginx listens on (the target group's port). @default 80 */
  listenPort?: number;
  /** Loopback port of the application container (when there is no `upstreamInclude`). */
  appPort: number;
  /**
   * A file naming the application's loopback address (`server 127.0.0.1:<port>;`), included in
   * the upstream instead of `appPort`: the instance rewrites it and reloads nginx to swap
   * containers without dropping requests. @default undefined (the upstream is `appPort`)
   */
  upstreamInclude?: string;
  /**
   * Path of the load balancer's health checks. Without `livenessPath` nginx answers it itself
   * with 200; with it, see there. @default "/nginx-health"
   */
  healthPath?: string;
  /**
   * Networks the load balancer connects from (the VPC block): the only peers whose
   * X-Forwarded-For is trusted.
   */
  proxyCidrs: readonly string[];
  /** Cloudflare's published edge ranges (IPv4 and IPv6). */
  cloudflareCidrs: readonly string[];
  /**
   * Refuse (403) requests that reached the load balancer from neither Cloudflare nor the VPC
   * (its health checks come from the VPC).
   * @default true
   */
  requireCloudflare?: boolean;
  /**
   * Application path the health path asks (with the fixed Host `localhost`): healthy (200) when
   * the application answers at all, whatever its status, so neither a refused Host (the load
   * balancer sends the target's IP; Django answers 400) nor a failing dependency (500) fails every
   * target at once; unhealthy (502/504) only when it does not answer. A new instance thus gets
   * traffic once its application runs. @default undefined (nginx answers itself)
   */
  livenessPath?: string;
  /** Largest request body accepted, in megabytes. @default 10 */
  maxBodyMegabytes?: number;
  /** Seconds to wait for the application's response. @default 60 */
  readTimeoutSeconds?: number;
  /** Seconds to wait for a connection to the application. @default 5 */
  connectTimeoutSeconds?: number;
  /** File extensions served with a one-year immutable cache lifetime. */
  staticExtensions?: readonly string[];
  /** Access and error log paths. @default /var/log/nginx/tenant-{access,error}.log */
  accessLog?: string;
  errorLog?: string;
}

/** Static asset extensions that get a one-year cache lifetime by default. */
export const DEFAULT_STATIC_EXTENSIONS = [
  "css", "js", "mjs", "map", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "woff", "woff2", "ttf", "otf",
] as const;

/** The path of the load balancer's health checks, answered by nginx. */
export const NGINX_HEALTH_PATH = "/nginx-health";

/**
 * Statuses of an application that answered, which the health path turns into 200. Not 502 or
 * 504: nginx itself answers those when the application refuses the connection or does not answer
 * within the timeout.
 */
export const ANSWERED_STATUSES = [400, 401, 403, 404, 405, 406, 408, 409, 410, 421, 429, 500, 501, 503] as const;

const CIDR = /^[0-9a-fA-F:.]+\/\d{1,3}$/;

function checkCidrs(what: string, cidrs: readonly string[]): void {
  for (const cidr of cidrs) {
    if (!CIDR.test(cidr)) throw new RangeError(`${what}: "${cidr}" is not a CIDR block`);
  }
}

/** Renders the site. Throws RangeError on values that would make an invalid or unsafe config. */
export function renderNginxSite(options: NginxSiteOptions): string {
  const listenPort = options.listenPort ?? 80;
  const healthPath = options.healthPath ?? NGINX_HEALTH_PATH;
  const requireCloudflare = options.requireCloudflare ?? true;
  const staticExtensions = options.staticExtensions ?? DEFAULT_STATIC_EXTENSIONS;
  checkCidrs("proxyCidrs", options.proxyCidrs);
  checkCidrs("cloudflareCidrs", options.cloudflareCidrs);
  if (options.cloudflareCidrs.length === 0) throw new RangeError("cloudflareCidrs: at least one range is needed");
  if (!/^\/[\w./-]*$/.test(healthPath)) throw new RangeError(`healthPath: "${healthPath}" must be a plain path such as /nginx-health`);
  if (options.livenessPath !== undefined && !/^\/[\w./?=&-]*$/.test(options.livenessPath)) {
    throw new RangeError(`livenessPath: "${options.livenessPath}" must be a plain path such as /health`);
  }
  if (options.upstreamInclude !== undefined && !/^\/[\w./-]+$/.test(options.upstreamInclude)) {
    throw new RangeError(`upstreamInclude: "${options.upstreamInclude}" must be an absolute file path`);
  }
  for (const extension of staticExtensions) {
    if (!/^\w+$/.test(extension)) throw new RangeError(`staticExtensions: "${extension}" is not a file extension`);
  }
  for (const [name, port] of [["listenPort", listenPort], ["appPort", options.appPort]] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`${name}: ${port} is not a TCP port`);
  }

  const lines = [
    "# Generated by tenant-platform (components/web-tier/nginx-config.ts). Do not edit on the instance.",
    "",
    "# The load balancer appends the address it was reached from to X-Forwarded-For. Trusting only",
    "# the load balancer's network makes $remote_addr that address: a Cloudflare edge, or not.",
    ...options.proxyCidrs.map((cidr) => `set_real_ip_from ${cidr};`),
    "real_ip_header X-Forwarded-For;",
    "real_ip_recursive on;",
    "",
    "# Who handed the request to the load balancer: a Cloudflare edge, something inside the VPC",
    "# (the load balancer's own health checks), or anything else.",
    "geo $tenant_peer {",
    "    default other;",
    ...options.proxyCidrs.map((cidr) => `    ${cidr} internal;`),
    ...options.cloudflareCidrs.map((cidr) => `    ${cidr} cloudflare;`),
    "}",
    "",
    "# The visitor's address: Cloudflare's CF-Connecting-IP, believed only when Cloudflare sent it.",
    "map $tenant_peer $tenant_client_ip {",
    "    cloudflare $http_cf_connecting_ip;",
    "    default $remote_addr;",
    "}",
    "",
    "map $http_x_forwarded_proto $tenant_forwarded_proto {",
    "    default $http_x_forwarded_proto;",
    '    "" $scheme;',
    "}",
    "",
    "# Long cache lifetimes for successful static responses only: an error must never be cached for a year.",
    "map $status $tenant_static_cache_control {",
    '    200 "public, max-age=31536000, immutable";',
    '    304 "public, max-age=31536000, immutable";',
    '    default "";',
    "}",
    "",
    "log_format tenant_main '$tenant_client_ip - $remote_user [$time_local] \"$request\" $status $body_bytes_sent '",
    "                       '\"$http_referer\" \"$http_user_agent\" rt=$request_time urt=$upstream_response_time peer=$tenant_peer';",
    "",
    "upstream tenant_app {",
    options.upstreamInclude ? `    include ${options.upstreamInclude};` : `    server 127.0.0.1:${options.appPort};`,
    "    keepalive 32;",
    "}",
    "",
    "server {",
    `    listen ${listenPort} default_server;`,
    "    server_name _;",
    "    server_tokens off;",
    "",
    `    access_log ${options.accessLog ?? "/var/log/nginx/tenant-access.log"} tenant_main;`,
    `    error_log ${options.errorLog ?? "/var/log/nginx/tenant-error.log"} warn;`,
    "",
    `    client_max_body_size ${options.maxBodyMegabytes ?? 10}m;`,
    "    client_body_timeout 30s;",
    "    client_header_timeout 15s;",
    "    keepalive_timeout 75s;",
    "    send_timeout 60s;",
    "",
    "    gzip on;",
    "    gzip_vary on;",
    "    gzip_proxied any;",
    "    gzip_comp_level 5;",
    "    gzip_min_length 1024;",
    "    gzip_types text/plain text/css text/xml application/json application/javascript application/xml application/rss+xml image/svg+xml;",
    "",
    "    proxy_http_version 1.1;",
    '    proxy_set_header Connection "";',
    "    proxy_set_header Host $host;",
    "    proxy_set_header X-Real-IP $tenant_client_ip;",
    "    proxy_set_header X-Forwarded-For $tenant_client_ip;",
    "    proxy_set_header X-Forwarded-Proto $tenant_forwarded_proto;",
    `    proxy_connect_timeout ${options.connectTimeoutSeconds ?? 5}s;`,
    `    proxy_send_timeout ${options.readTimeoutSeconds ?? 60}s;`,
    `    proxy_read_timeout ${options.readTimeoutSeconds ?? 60}s;`,
    "",
    ...(options.livenessPath === undefined
      ? [
          `    location = ${healthPath} {`,
          "        access_log off;",
          "        default_type text/plain;",
          '        return 200 "ok\\n";',
          "    }",
        ]
      : [
          "    # Healthy when the application answers at all: its status (a refused Host, a failing",
          "    # database) must not fail every target at once; no answer (502, 504) is unhealthy.",
          `    location = ${healthPath} {`,
          "        access_log off;",
          `        proxy_pass http://tenant_app${options.livenessPath};`,
          "        proxy_set_header Host localhost;",
          "        proxy_connect_timeout 2s;",
          "        proxy_read_timeout 4s;",
          "        proxy_intercept_errors on;",
          `        error_page ${ANSWERED_STATUSES.join(" ")} = @tenant_answered;`,
          "    }",
          "",
          "    location @tenant_answered {",
          "        access_log off;",
          "        default_type text/plain;",
          '        return 200 "answered\\n";',
          "    }",
        ]),
    "",
    `    location ~* \\.(${staticExtensions.join("|")})$ {`,
    ...(requireCloudflare ? ["        if ($tenant_peer = other) { return 403; }"] : []),
    "        proxy_pass http://tenant_app;",
    "        proxy_hide_header Cache-Control;",
    "        add_header Cache-Control $tenant_static_cache_control always;",
    "    }",
    "",
    "    location / {",
    ...(requireCloudflare ? ["        if ($tenant_peer = other) { return 403; }"] : []),
    "        proxy_pass http://tenant_app;",
    "    }",
    "}",
    "",
  ];
  return lines.join("\n");
}
