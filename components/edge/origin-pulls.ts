import * as cloudflare from "@pulumi/cloudflare";
import type * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

/** Years the zone's origin-pull certificate authority is valid. */
const CA_VALIDITY_HOURS = 10 * 365 * 24;
/** Years the client certificate Cloudflare presents is valid; renewed on a deploy in its last 90 days. */
const CLIENT_VALIDITY_HOURS = 5 * 365 * 24;

/**
 * Authenticated origin pulls, in the order Cloudflare documents for a change without downtime
 * (developers.cloudflare.com/ssl/origin-configuration/authenticated-origin-pull/set-up/,
 * upload the certificate, check that it is `active`, then require it at the origin; to replace
 * it: upload the new one, wait until it is active, then delete the old one):
 * - `off`: no certificate; the zone setting is sent as `enabled: false` (the settings resource
 *   does nothing on delete, so removing it would leave the setting on);
 * - `staged`: the certificate is uploaded and the setting enabled, so Cloudflare presents the
 *   certificate once it is active, but the origin does not require it yet;
 * - `enforced`: the origin (the load balancer) requires the certificate. Set it only once the
 *   certificate is active (`npm run edge:preflight` reports its status).
 */
export type OriginPullsMode = "off" | "staged" | "enforced";

/** The subject of the zone's origin-pull certificate authority: the issuer of every client certificate it signs. */
export function originPullCaSubject(zoneName: string): { commonName: string; organization: string } {
  return { commonName: `${zoneName} origin pull CA`, organization: "tenant-platform" };
}

export interface OriginPulls {
  /** PEM of the certificate authority the origin must trust (public); undefined when off. */
  readonly caCertificatePem?: pulumi.Output<string>;
  /** The zone setting; the origin should require certificates only after it. */
  readonly settings: cloudflare.AuthenticatedOriginPullsSettings;
}

/**
 * Authenticated origin pulls with a certificate of the zone's own: a private certificate
 * authority, a client certificate it signs that Cloudflare presents to the origin for this zone
 * only, and the zone setting, always managed with the mode's value. Unlike Cloudflare's shared
 * origin-pull certificate, it proves the request came through *this* zone, not any Cloudflare
 * customer's. The keys live in the stack's state, encrypted as secrets.
 *
 * A renewed client certificate replaces the uploaded one: the new one is uploaded first, and the
 * old one is kept on delete (`retainOnDelete`), so Cloudflare keeps presenting a certificate the
 * load balancer trusts (both are signed by the same authority) until the new one is active; the
 * runbook retires the old one then (the API deletes it, not the deploy).
 */
export function createOriginPulls(name: string, zoneId: pulumi.Input<string>, zoneName: string, mode: OriginPullsMode, parent: pulumi.Resource, dependsOn: pulumi.Resource[]): OriginPulls {
  const opts = { parent };
  if (mode === "off") {
    const settings = new cloudflare.AuthenticatedOriginPullsSettings(`${name}-origin-pull`, { zoneId, enabled: false }, { parent, dependsOn });
    return { settings };
  }
  const caKey = new tls.PrivateKey(`${name}-origin-pull-ca`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
  const ca = new tls.SelfSignedCert(`${name}-origin-pull-ca`, {
    privateKeyPem: caKey.privateKeyPem,
    isCaCertificate: true,
    validityPeriodHours: CA_VALIDITY_HOURS,
    allowedUses: ["cert_signing", "crl_signing"],
    subject: originPullCaSubject(zoneName),
  }, opts);
  const clientKey = new tls.PrivateKey(`${name}-origin-pull-client`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
  const request = new tls.CertRequest(`${name}-origin-pull-client`, {
    privateKeyPem: clientKey.privateKeyPem,
    subject: { commonName: `${zoneName} via Cloudflare`, organization: "tenant-platform" },
  }, opts);
  const client = new tls.LocallySignedCert(`${name}-origin-pull-client`, {
    certRequestPem: request.certRequestPem,
    caPrivateKeyPem: caKey.privateKeyPem,
    caCertPem: ca.certPem,
    validityPeriodHours: CLIENT_VALIDITY_HOURS,
    earlyRenewalHours: 90 * 24,
    allowedUses: ["client_auth", "digital_signature"],
  }, opts);
  // Create returns as soon as the API accepts the upload, in status pending_deployment
  // (terraform-provider-cloudflare v5 internal/services/authenticated_origin_pulls_certificate/resource.go
  // does not wait): the `enforced` mode is a separate, later deploy.
  const uploaded = new cloudflare.AuthenticatedOriginPullsCertificate(`${name}-origin-pull`, {
    zoneId,
    certificate: client.certPem,
    privateKey: clientKey.privateKeyPem,
  }, { parent, retainOnDelete: true, dependsOn });
  const settings = new cloudflare.AuthenticatedOriginPullsSettings(`${name}-origin-pull`, {
    zoneId,
    enabled: true,
  }, { parent, dependsOn: [uploaded] });
  return { caCertificatePem: mode === "enforced" ? ca.certPem : undefined, settings };
}
