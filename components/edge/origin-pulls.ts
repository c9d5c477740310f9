import * as cloudflare from "@pulumi/cloudflare";
import type * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

/** Years the zone's origin-pull certificate authority is valid. */
const CA_VALIDITY_HOURS = 10 * 365 * 24;
/** Years the client certificate Cloudflare presents is valid; renewed on a deploy in its last 90 days. */
const CLIENT_VALIDITY_HOURS = 5 * 365 * 24;

export interface OriginPulls {
  /** PEM of the certificate authority the origin must trust (public). */
  readonly caCertificatePem: pulumi.Output<string>;
  /** The zone setting turning origin pulls on; the origin should require certificates after it. */
  readonly settings: cloudflare.AuthenticatedOriginPullsSettings;
}

/**
 * Authenticated origin pulls with a certificate of the zone's own: a private certificate
 * authority, a client certificate it signs that Cloudflare presents to the origin for this zone
 * only, and the zone setting that turns it on. Unlike Cloudflare's shared origin-pull
 * certificate, it proves the request came through *this* zone, not any Cloudflare customer's.
 * The keys live in the stack's state, encrypted as secrets.
 */
export function createOriginPulls(name: string, zoneId: pulumi.Input<string>, zoneName: string, parent: pulumi.Resource): OriginPulls {
  const opts = { parent };
  const caKey = new tls.PrivateKey(`${name}-origin-pull-ca`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
  const ca = new tls.SelfSignedCert(`${name}-origin-pull-ca`, {
    privateKeyPem: caKey.privateKeyPem,
    isCaCertificate: true,
    validityPeriodHours: CA_VALIDITY_HOURS,
    allowedUses: ["cert_signing", "crl_signing"],
    subject: { commonName: `${zoneName} origin pull CA`, organization: "tenant-platform" },
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
  const uploaded = new cloudflare.AuthenticatedOriginPullsCertificate(`${name}-origin-pull`, {
    zoneId,
    certificate: client.certPem,
    privateKey: clientKey.privateKeyPem,
  }, opts);
  const settings = new cloudflare.AuthenticatedOriginPullsSettings(`${name}-origin-pull`, {
    zoneId,
    enabled: true,
  }, { parent, dependsOn: [uploaded] });
  return { caCertificatePem: ca.certPem, settings };
}
