import { z } from "zod";
import { CidrError, contains, parseCidr, PRIVATE_RANGES } from "../../components/network/cidr";
import { NETWORK_DEFAULTS } from "../../components/network/defaults";
import { MAX_VPC_PREFIX, MIN_VPC_PREFIX, ZONE_LETTERS } from "../../components/network/layout";
import { NAT_STRATEGIES } from "../../components/network/nat-strategies";
import { logRetentionDays } from "./aws-values";


const vpcCidr = z
  .string()
  .superRefine((text, ctx) => {
    try {
      const block = parseCidr(text);
      if (block.prefix < MIN_VPC_PREFIX || block.prefix > MAX_VPC_PREFIX) {
        ctx.addIssue({
          code: "custom",
          message: `"${text}" is a /${block.prefix}; a VPC block here is /${MIN_VPC_PREFIX} (65,536 addresses) to /${MAX_VPC_PREFIX} (4,096)`,
        });
      } else if (!PRIVATE_RANGES.some((range) => contains(range, block))) {
        ctx.addIssue({
          code: "custom",
          message: `"${text}" is not private address space; use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`,
        });
      }
    } catch (error) {
      if (!(error instanceof CidrError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
    }
  })
  .meta({ examples: ["10.20.0.0/16"] });

const zoneName = z
  .string()
  .regex(new RegExp(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d[${ZONE_LETTERS.join("")}]$`), {
    error: `must be an availability zone name ending in a letter ${ZONE_LETTERS[0]}–${ZONE_LETTERS.at(-1)}, such as eu-central-1a`,
  });

const zones = z
  .union([
    z.literal(2),
    z.literal(3),
    z.array(zoneName).min(2).max(3),
  ], { error: "must be 2 or 3, or a list of 2 or 3 zone names such as [eu-central-1a, eu-central-1b]" })
  .default(2)
  .describe(
    "Availability zones: a count (the region's first zones by letter) or explicit names. A zone's letter picks its address slot, so adding a zone never re-addresses the others.",
  );

/** The tenant's VPC. */
export const networkSection = z
  .strictObject({
    cidr: vpcCidr.describe("IPv4 block of the VPC, /16 to /20, inside RFC 1918 private space."),
    zones,
    nat: z
      .enum(NAT_STRATEGIES)
      .default(NETWORK_DEFAULTS.nat)
      .describe(
        "NAT for private subnets: none (free; only VPC endpoints), single (one gateway, about $33-38/month plus $0.045/GB), perZone (one per zone, survives a zone outage).",
      ),
    flowLogs: z
      .strictObject({
        retentionDays: logRetentionDays(NETWORK_DEFAULTS.flowLogs.retentionInDays)
          .describe("Days the VPC flow logs are kept."),
      })
      .prefault({})
      .describe("VPC flow logs (always on, encrypted with the tenant's key)."),
  })
  .describe("The tenant's own VPC: public, private and isolated subnets in each zone.");
