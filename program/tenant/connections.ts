import * as pulumi from "@pulumi/pulumi";
import type { Cache } from "../../components/cache";
import type { AppUsers, Database } from "../../components/database";
import type { MediaBucket } from "../../components/media-bucket";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";

/** What the application container learns about the tenant's data tier. */
export interface Connections {
  /** Plain variables: hosts, ports, names. */
  readonly env: Record<string, string>;
  /** Secret references (resolved on the instance at boot): passwords and tokens. */
  readonly secrets: Record<string, string>;
}

/**
 * The variables of DATABASE_ENV and CACHE_ENV (tenant-schema/platform-env.ts): the database's
 * writer and reader hosts, port and name, the user and its password from the application users'
 * secret (JSON, keys `username` and `password`: they change together at each rotation, and the
 * instances read both from one version of it), and the cache's endpoints with its AUTH token.
 */
export function connectionsOf(spec: TenantSpec, database: Database | undefined, appUsers: AppUsers | undefined, cache: Cache | undefined): pulumi.Output<Connections> {
  return pulumi
    .all([
      database?.address,
      database ? pulumi.all(database.replicaAddresses) : undefined,
      appUsers?.secretArn,
      cache?.primaryEndpoint,
      cache?.readerEndpoint,
      cache?.authTokenSecretArn,
    ])
    .apply(([dbHost, readers, dbSecret, cacheHost, cacheReader, cacheSecret]) => {
      const env: Record<string, string> = {};
      const secrets: Record<string, string> = {};
      if (database && spec.database && dbHost && dbSecret) {
        Object.assign(env, {
          DATABASE_ENGINE: spec.database.engine,
          DATABASE_HOST: dbHost,
          DATABASE_PORT: String(database.port),
          DATABASE_NAME: spec.database.name,
          DATABASE_READER_HOSTS: (readers ?? []).join(","),
        });
        secrets["DATABASE_USER"] = `${dbSecret}#username`;
        secrets["DATABASE_PASSWORD"] = `${dbSecret}#password`;
      }
      if (cache && cacheHost && cacheSecret) {
        Object.assign(env, {
          CACHE_HOST: cacheHost,
          CACHE_READER_HOST: cacheReader ?? cacheHost,
          CACHE_PORT: String(cache.port),
          CACHE_TLS: "true",
        });
        secrets["CACHE_AUTH_TOKEN"] = cacheSecret;
      }
      return { env, secrets };
    });
}

/** The components whose endpoints and names the app receives (those the tenant has). */
export interface ConnectedComponents {
  readonly database?: Database;
  readonly appUsers?: AppUsers;
  readonly cache?: Cache;
  readonly media?: MediaBucket;
  /** Whether the tenant sends mail (MAIL_FROM_DOMAIN is the zone, MAIL_REGION the tenant's region). */
  readonly mail: boolean;
  /** The variables naming the exchange buckets (`args/exchange-args.ts`). */
  readonly exchangeEnv: Record<string, string>;
}

/**
 * Everything the app learns about the tenant: the data tier's connections ({@link connectionsOf}),
 * and the variables of MEDIA_ENV, MAIL_ENV and the exchange (tenant-schema/platform-env.ts).
 */
export function appConnections(spec: TenantSpec, components: ConnectedComponents): pulumi.Output<Connections> {
  const { media, mail, exchangeEnv } = components;
  return connectionsOf(spec, components.database, components.appUsers, components.cache).apply((connections) => pulumi
    .output(media?.bucketName)
    .apply((mediaBucket): Connections => ({
      env: {
        ...connections.env,
        ...(media && mediaBucket ? { MEDIA_BUCKET: mediaBucket, MEDIA_BASE_URL: media.baseUrl } : {}),
        ...(mail ? { MAIL_FROM_DOMAIN: spec.edge.zone, MAIL_REGION: spec.aws.region } : {}),
        ...exchangeEnv,
      },
      secrets: connections.secrets,
    })));
}
