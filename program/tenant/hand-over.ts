/**
 * What a component created later hands to one created earlier. The edge fronts the load balancer,
 * and the load balancer uses the edge's certificate: the edge comes first and receives the load
 * balancer's host name, and the HTTPS listener its web records wait for, once the web tier
 * exists. The data tier admits the web tier's instances, and the web tier's containers receive
 * the data tier's endpoints: the web tier comes first and receives the connections once the data
 * tier (and media, mail, exchange) exist.
 */
import * as pulumi from "@pulumi/pulumi";
import type { WebTier } from "../../components/web-tier";
import type { Connections } from "./connections";

export class HandOver {
  /** The load balancer's host name, and the resources the web records wait for. */
  public readonly origin: { readonly hostname: pulumi.Output<string>; readonly ready: Promise<pulumi.Resource[]> };
  /** The app's plain variables and secret references, once {@link connectionsKnown}. */
  public readonly connectionEnv: pulumi.Output<Record<string, string>>;
  public readonly connectionSecrets: pulumi.Output<Record<string, string>>;
  private readonly resolveHostname: (hostname: pulumi.Output<string>) => void;
  private readonly resolveConnections: (connections: pulumi.Output<Connections>) => void;
  private resolveReady: (resources: pulumi.Resource[]) => void = () => undefined;

  constructor() {
    const [hostname, resolveHostname] = pulumi.deferredOutput<string>();
    const ready = new Promise<pulumi.Resource[]>((resolve) => { this.resolveReady = resolve; });
    this.origin = { hostname, ready };
    this.resolveHostname = resolveHostname;
    const [connections, resolveConnections] = pulumi.deferredOutput<Connections>();
    this.connectionEnv = connections.apply((c) => c.env);
    this.connectionSecrets = connections.apply((c) => c.secrets);
    this.resolveConnections = resolveConnections;
  }

  /** Hands the web tier's load balancer host name and HTTPS listener to the edge. */
  public webTierCreated(web: WebTier): void {
    this.resolveHostname(web.loadBalancerDnsName);
    this.resolveReady(web.httpsListener ? [web.httpsListener] : []);
  }

  /** Hands the app's connections to the web tier. */
  public connectionsKnown(connections: pulumi.Output<Connections>): void {
    this.resolveConnections(connections);
  }
}
