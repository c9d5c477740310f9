/** Load balancer and listener rules: HTTPS, redirects, TLS policy, headers, logs, deletion protection, reachability. */
import { declaresDeletion } from "../replacement-intent";
import { resourceRule, stackRule, type StackFinding } from "../rule";
import { ofType, referencedBy, referencing } from "../stack-view";
import { isTrue, record, records } from "./values";

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const CERTIFICATE = "aws:acm/certificate:Certificate";
const CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";

/** Application load balancers (the default type). */
const isApplication = (props: Record<string, unknown>) => (props["loadBalancerType"] ?? "application") === "application";

export const loadBalancerDropsInvalidHeaders = resourceRule({
  name: "load-balancer-drops-invalid-headers",
  control: "FSBP ELB.4",
  description: "Application Load Balancers drop invalid HTTP header fields",
  types: [LOAD_BALANCER],
  check: ({ props }) => (isApplication(props) && props["dropInvalidHeaderFields"] !== true ? ["the load balancer passes invalid header fields on: set dropInvalidHeaderFields"] : []),
});

export const loadBalancerAccessLogs = resourceRule({
  name: "load-balancer-access-logs",
  control: "FSBP ELB.5",
  description: "Load balancers write access logs to S3",
  types: [LOAD_BALANCER],
  check: ({ props }) => {
    const logs = record(props["accessLogs"]);
    return isTrue(logs["enabled"]) && logs["bucket"] ? [] : ["access logs are off: set accessLogs { bucket, enabled: true }"];
  },
});

export const loadBalancerDeletionProtection = resourceRule({
  name: "load-balancer-deletion-protection",
  control: "FSBP ELB.6",
  description: "Load balancers refuse deletion through the API, unless the tenant file declares the tenant's offboarding",
  types: [LOAD_BALANCER],
  // A deletion declared in the tenant file (offboarding) travels as a tag with its reason.
  check: ({ props }) => (props["enableDeletionProtection"] !== true && !declaresDeletion(props) ? ["deletion protection is off: set enableDeletionProtection"] : []),
});

export const loadBalancerDesyncMitigation = resourceRule({
  name: "load-balancer-desync-mitigation",
  control: "FSBP ELB.12",
  description: "Application Load Balancers use the defensive or strictest HTTP desync mitigation mode",
  types: [LOAD_BALANCER],
  check: ({ props }) => {
    const mode = props["desyncMitigationMode"] ?? "defensive";
    return isApplication(props) && mode !== "defensive" && mode !== "strictest" ? [`desync mitigation mode is ${String(mode)}: use defensive or strictest`] : [];
  },
});

export const httpListenerRedirects = resourceRule({
  name: "http-listener-redirects-to-https",
  control: "FSBP ELB.1",
  description: "A plain HTTP listener only redirects to HTTPS",
  types: [LISTENER],
  check: ({ props }) => {
    if (props["protocol"] !== "HTTP") return [];
    const actions = records(props["defaultActions"]);
    const redirectsOnly = actions.length > 0 && actions.every((action) => action["type"] === "redirect" && record(action["redirect"])["protocol"] === "HTTPS");
    return redirectsOnly ? [] : ["the HTTP listener serves requests instead of redirecting them to HTTPS"];
  },
});

/** ELB security policies offering only TLS 1.2 and later with forward secrecy: the TLS13-1-2, TLS13-1-3 and FS-1-2 families. */
const MODERN_TLS_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|FS-1-2-)/;

export const httpsListenerTlsPolicy = resourceRule({
  name: "https-listener-tls-policy",
  control: "FSBP ELB.17",
  description: "HTTPS listeners use a recommended security policy: TLS 1.2 or later, forward secrecy",
  types: [LISTENER],
  check: ({ props }) => {
    if (props["protocol"] !== "HTTPS" && props["protocol"] !== "TLS") return [];
    const policy = props["sslPolicy"];
    return typeof policy === "string" && MODERN_TLS_POLICY.test(policy)
      ? []
      : [`the listener's TLS policy ${policy === undefined ? "is the default (allows TLS 1.0)" : `${String(policy)} allows old protocols`}: use ELBSecurityPolicy-TLS13-1-2-2021-06 or stricter`];
  },
});

export const loadBalancerServesHttps = stackRule({
  name: "load-balancer-serves-https",
  control: "FSBP ELB.1",
  description: "An internet-facing Application Load Balancer has an HTTPS listener for its redirect to land on, except while the tenant's certificate waits for the zone's delegation",
  check: ({ resources }) => {
    // A certificate without its validation is the Edge waiting for the zone to be delegated.
    const awaitingDelegation = ofType(resources, CERTIFICATE).some((certificate) => referencing(resources, certificate, CERTIFICATE_VALIDATION).length === 0);
    if (awaitingDelegation) return [];
    return ofType(resources, LOAD_BALANCER)
      .filter((lb) => isApplication(lb.props) && lb.props["internal"] !== true)
      .filter((lb) => !referencing(resources, lb, LISTENER, "loadBalancerArn").some((listener) => listener.props["protocol"] === "HTTPS"))
      .map((lb) => ({ urn: lb.urn, message: "the load balancer has no HTTPS listener" }));
  },
});

export const loadBalancerOnlyFromCloudflare = stackRule({
  name: "load-balancer-only-from-cloudflare",
  control: "platform origin protection, FSBP EC2.18",
  description: "An internet-facing load balancer admits only the stack's Cloudflare prefix lists (no addresses, no other groups)",
  check: ({ resources }) => ofType(resources, LOAD_BALANCER)
    .filter((lb) => lb.props["internal"] !== true)
    .flatMap((lb) => referencedBy(lb, "securityGroups", SECURITY_GROUP))
    .flatMap((group): StackFinding[] => {
      const inline = records(group.props["ingress"]).length > 0
        ? [{ urn: group.urn, message: "the load balancer's security group has inline ingress rules: admit Cloudflare through prefix lists only" }]
        : [];
      const rules = referencing(resources, group, INGRESS_RULE, "securityGroupId")
        .filter((rule) => referencedBy(rule, "prefixListId", PREFIX_LIST).length === 0)
        .map((rule) => ({ urn: rule.urn, message: "the load balancer admits a source other than the Cloudflare prefix lists" }));
      return [...inline, ...rules];
    }),
});
