/**
 * Ids and ARNs a component planned alone receives for what another component would create (the
 * tenant key, the VPC, its subnets, the web instances' security group), shaped as AWS forms them.
 */

/** The tenant key, in the provider's region (eu-central-1). */
export const KEY_ARN = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/** The tenant's off-site key, in its backup region (eu-west-1). */
export const OFFSITE_KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/5678abcd-12ab-34cd-56ef-1234567890ab";
export const VPC_ID = "vpc-0123456789abcdef0";
/** Subnets of zones a and b, per tier. */
export const ISOLATED_SUBNET_IDS = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"];
export const PRIVATE_SUBNET_IDS = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb1"];
export const PUBLIC_SUBNET_IDS = ["subnet-0aaaaaaaaaaaaaaa2", "subnet-0bbbbbbbbbbbbbbb2"];
/** The web instances' security group: the client of the data services. */
export const CLIENT_GROUP_ID = "sg-0123456789abcdef0";
