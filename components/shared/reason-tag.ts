/** The tags that carry a declared intent's reason (read by the policy pack), and the reason as a tag value. */

/** Tag that carries a declared replacement's reason: the Database component's instances. */
export const REPLACEMENT_TAG = "tenant-platform:replacement";

/** Tag that carries a declared deletion's reason: the WebTier component's load balancer. */
export const DELETION_TAG = "tenant-platform:deletion";

/** A declared intent's reason as an AWS tag value: the characters AWS tags accept, at most 256. */
export function reasonTagValue(text: string): string {
  return text.replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, " ").replace(/\s+/g, " ").trim().slice(0, 256) || "declared";
}
