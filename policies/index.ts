/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack policies`. Rules live in their own
 * modules (rules/), so tests and the offline plan run them without the Pulumi CLI.
 */
import { PolicyPack } from "@pulumi/policy";
import { ALL_RULES } from "./all-rules";

new PolicyPack("tenant-platform", { policies: [...ALL_RULES] });
