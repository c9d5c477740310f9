/**
 * The environment variables the platform gives the application container itself, by the section
 * that makes it set them: the one list that `web.app.env` and `web.app.secrets` are checked
 * against (a test plans a tenant with every section and compares this list with the container's
 * environment in its user data).
 */
import { IMPORT_ENV_PATTERN } from "../components/data-exchange/exchange-names";
import { QUEUE_NAME_ENV, QUEUE_URL_ENV } from "../components/web-tier/queue-env";

/** Variables the platform gives the application container when the tenant has a database. */
export const DATABASE_ENV = ["DATABASE_ENGINE", "DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER", "DATABASE_READER_HOSTS", "DATABASE_PASSWORD"];
/** Variables the platform gives the application container when the tenant has a cache. */
export const CACHE_ENV = ["CACHE_HOST", "CACHE_READER_HOST", "CACHE_PORT", "CACHE_TLS", "CACHE_AUTH_TOKEN"];
/**
 * The port the web container listens on (web.app.port), and the region every container gets for
 * the AWS SDKs (components/web-tier/user-data.ts).
 */
export const WEB_ENV = ["PORT", "AWS_REGION", "AWS_DEFAULT_REGION"];
/** Variables of the media bucket (program/tenant/tenant.ts). */
export const MEDIA_ENV = ["MEDIA_BUCKET", "MEDIA_BASE_URL"];
/** Variables of transactional mail (program/tenant/tenant.ts). */
export const MAIL_ENV = ["MAIL_FROM_DOMAIN", "MAIL_REGION"];
/** The tenant's own export bucket (program/tenant/tenant.ts). */
export const EXCHANGE_EXPORT_ENV = ["EXCHANGE_EXPORT_BUCKET"];

interface Sections {
  database?: unknown;
  cache?: unknown;
  media?: unknown;
  mail?: unknown;
  exchange?: unknown;
  web?: { workers?: unknown };
}

/**
 * The section of the tenant file that makes the platform set `name` in the container, or
 * undefined when the platform leaves the name to the file. Partners' export buckets
 * (`EXCHANGE_FROM_<TENANT>_BUCKET`) are reserved whatever the file says: other tenants' files add them.
 */
export function platformSectionOf(name: string, spec: Sections): string | undefined {
  if (spec.database && DATABASE_ENV.includes(name)) return "database";
  if (spec.cache && CACHE_ENV.includes(name)) return "cache";
  if (spec.media && MEDIA_ENV.includes(name)) return "media";
  if (spec.mail && MAIL_ENV.includes(name)) return "mail";
  if (spec.exchange && EXCHANGE_EXPORT_ENV.includes(name)) return "exchange";
  if (spec.web && WEB_ENV.includes(name)) return "web (the container's port and region)";
  if (spec.web?.workers && (name === QUEUE_URL_ENV || name === QUEUE_NAME_ENV)) return "web.workers";
  if (IMPORT_ENV_PATTERN.test(name)) return "exchange (a partner's export bucket)";
  return undefined;
}
