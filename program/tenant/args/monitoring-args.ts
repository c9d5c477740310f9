/** The tenant file → the arguments of its Monitoring. */
import type * as pulumi from "@pulumi/pulumi";
import type { MonitoringArgs } from "../../../components/monitoring";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";

/** The web tier as its alarms see it (a `WebTier` is one). */
export interface MonitoredWeb {
  readonly loadBalancerArnSuffix: pulumi.Input<string>;
  readonly targetGroupArnSuffix: pulumi.Input<string>;
  readonly webGroupName: pulumi.Input<string>;
  /** The workers' queue and its dead-letter queue, with workers. */
  readonly queue?: { readonly queue: { readonly name: pulumi.Input<string> }; readonly deadLetterQueue: { readonly name: pulumi.Input<string> } };
}

/** What the alarms watch: the components that exist, each exposing the names its metrics carry. */
export interface MonitoringInputs {
  /** The tenant key, which encrypts the alert topic. */
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly web?: MonitoredWeb;
  /** The serving generation's primary and replicas (a `Database` is one). */
  readonly database?: { readonly identifier: string; readonly replicaIdentifiers: string[] };
  /** The cache's nodes (a `Cache` is one). */
  readonly cache?: { readonly memberClusterIds: string[] };
}

/** The alert topic, its subscriptions and the alarms of the `monitoring` section; none without it. */
export function monitoringArgs(spec: TenantSpec, inputs: MonitoringInputs): MonitoringArgs | undefined {
  const { monitoring } = spec;
  if (!monitoring) return undefined;
  const { web, database, cache } = inputs;
  return {
    alertEmails: monitoring.alertEmails,
    webhooks: monitoring.webhooks,
    kmsKeyArn: inputs.kmsKeyArn,
    thresholds: monitoring.thresholds,
    loadBalancer: web ? { arnSuffix: web.loadBalancerArnSuffix, targetGroupArnSuffix: web.targetGroupArnSuffix } : undefined,
    webGroupName: web?.webGroupName,
    queues: web?.queue ? { jobs: web.queue.queue.name, deadLetters: web.queue.deadLetterQueue.name } : undefined,
    database: database ? { identifier: database.identifier, replicaIdentifiers: database.replicaIdentifiers } : undefined,
    cacheNodeIds: cache?.memberClusterIds,
  };
}
