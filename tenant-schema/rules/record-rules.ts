/**
 * Rules of what the edge publishes: record contents that fit their type, admin allowlists of real
 * addresses that are not the whole internet nor a large share of it, and no more web hostnames
 * than one ACM certificate may carry.
 */
import { isIPv4, isIPv6 } from "node:net";
import type { EdgeSpec } from "../sections/edge";

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

interface Relevant {
  edge: EdgeSpec;
  web?: { loadBalancer: { certificateArn?: string } };
}

/**
 * Domain names per ACM certificate: "The default quota is 10 domain names for each ACM
 * certificate" (the first is the subject, all are subject alternative names), adjustable to 100
 * on request. https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html
 */
export const ACM_DOMAINS_PER_CERTIFICATE = 10;

/** A host name a CNAME may point at: labels of letters, digits, hyphens (and a leading `_`), an optional final dot. */
const TARGET_HOST = /^(?=.{1,253}\.?$)(_?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}\.?$/i;

/** Characters a TXT record cannot carry from a tenant file: line breaks and other control characters. */
function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}

/** Why `content` does not fit a record of `type`, or undefined. */
function contentProblem(type: string, content: string): string | undefined {
  switch (type) {
    case "A":
      return isIPv4(content) ? undefined : `"${content}" is not an IPv4 address; an A record holds one such as 192.0.2.10 (use AAAA for IPv6, CNAME for a host name)`;
    case "AAAA":
      return isIPv6(content) ? undefined : `"${content}" is not an IPv6 address; an AAAA record holds one such as 2001:db8::10 (use A for IPv4, CNAME for a host name)`;
    case "CNAME":
      if (isIPv4(content) || isIPv6(content)) return `"${content}" is an address; a CNAME points at a host name (use an A or AAAA record for an address)`;
      return TARGET_HOST.test(content) ? undefined : `"${content}" is not a host name; a CNAME points at one such as app.example.net`;
    case "TXT":
      return hasControlCharacter(content) ? "holds a line break or another control character; a TXT record is one line of text" : undefined;
    default:
      return undefined;
  }
}

/** Why `entry` is not an address or block an allowlist can hold, or undefined. */
function allowProblem(entry: string): string | undefined {
  const [address, prefix, ...rest] = entry.split("/");
  const family = isIPv4(address!) ? 4 : isIPv6(address!) ? 6 : 0;
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address or CIDR block such as 203.0.113.7 or 198.51.100.0/24`;
  const bits = family === 4 ? 32 : 128;
  if (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits)) return `"${entry}" has prefix length /${prefix}; an IPv${family} block is /0 to /${bits}`;
  const length = prefix === undefined ? bits : Number(prefix);
  if (length === 0) return `"${entry}" is the whole internet, which allows everyone; list the addresses that may reach the path`;
  const shortest = family === 4 ? SHORTEST_IPV4_PREFIX : SHORTEST_IPV6_PREFIX;
  if (length < shortest) {
    return `"${entry}" is a /${length} block, a large share of the internet; an allowlist holds IPv${family} addresses and blocks of /${shortest} to /${bits}`;
  }
  if (family === 6 && isIPv4MappedRange(address!, length)) {
    return `"${entry}" is in the IPv4-mapped IPv6 range ::ffff:0:0/96 (RFC 4291 section 2.5.5.2), which stands for IPv4 addresses; write IPv4 addresses and blocks as IPv4 (such as 198.51.100.0/24)`;
  }
  return undefined;
}

/**
 * The shortest prefixes an admin allowlist takes. Blocks shorter than these cover a large share of
 * the internet (a few of them, such as 0.0.0.0/1 with 128.0.0.0/1, cover all of it), so they do not
 * keep anyone out of an admin path. The largest IPv4 allocations are /8 (IANA IPv4 Address Space
 * Registry) and the largest IPv6 allocations from IANA to the regional registries are /12 within
 * 2000::/3 (IANA IPv6 Global Unicast Address Assignments); /16 keeps an IPv6 list below a whole
 * regional registry (both registries at https://www.iana.org/numbers, read 2026-11-30).
 */
export const SHORTEST_IPV4_PREFIX = 8;
export const SHORTEST_IPV6_PREFIX = 16;

/** ::ffff:0:0/96, the IPv4-mapped IPv6 addresses: 80 zero bits, 16 one bits, then the IPv4 address (RFC 4291 section 2.5.5.2). */
const IPV4_MAPPED = { network: 0xffffn << 32n, prefix: 96 };

/** An IPv6 address as a 128-bit number (`address` must pass `isIPv6`). */
function ipv6Bits(address: string): bigint {
  // The URL parser writes an IPv6 host in canonical form, an embedded IPv4 address as two groups.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.includes("::") ? canonical.split("::") : [canonical, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  return [...headGroups, ...zeros, ...tailGroups].reduce((bits, group) => (bits << 16n) | BigInt(`0x${group}`), 0n);
}

/** True when the IPv6 block `address/prefix` shares addresses with ::ffff:0:0/96. */
function isIPv4MappedRange(address: string, prefix: number): boolean {
  const common = BigInt(Math.min(prefix, IPV4_MAPPED.prefix));
  const shift = 128n - common;
  return ipv6Bits(address) >> shift === IPV4_MAPPED.network >> shift;
}

export function checkRecords(spec: Relevant, ctx: Context): void {
  const { edge } = spec;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path: ["edge", ...path], message });
  edge.records.forEach((record, i) => {
    const problem = contentProblem(record.type, record.content);
    if (problem) add(["records", i, "content"], problem);
  });
  edge.waf.adminPaths.forEach((admin, i) => {
    admin.allow.forEach((entry, j) => {
      const problem = allowProblem(entry);
      if (problem) add(["waf", "adminPaths", i, "allow", j], problem);
    });
  });
  // The platform issues one certificate for the web hostnames when the load balancer has none given.
  const issuesCertificate = spec.web !== undefined && spec.web.loadBalancer.certificateArn === undefined;
  if (issuesCertificate && edge.hostnames.length > ACM_DOMAINS_PER_CERTIFICATE) {
    add(["hostnames"], `lists ${edge.hostnames.length} hostnames, and the load balancer's ACM certificate carries at most ${ACM_DOMAINS_PER_CERTIFICATE} domain names (the default ACM quota); use a wildcard such as "*" for many subdomains, or give web.loadBalancer.certificateArn of a certificate issued under a raised quota`);
  }
}
