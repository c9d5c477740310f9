import type * as cloudflare from "@pulumi/cloudflare";
import type * as pulumi from "@pulumi/pulumi";
import type { BotProtection } from "./plans";

/**
 * The zone's bot protection with the value the tenant file says, on or off: the resource does
 * nothing on delete (terraform-provider-cloudflare v5 internal/services/bot_management/resource.go,
 * `Delete` is empty), so it is always managed and "off" is sent as off.
 *
 * Free zones have Bot Fight Mode (`fight_mode`); Pro and up have Super Bot Fight Mode, whose
 * fields differ by plan (Cloudflare API `bot-management_sbfm_definitely_config` for Pro,
 * `bot-management_sbfm_likely_config` for Business and up). A plan's request carries only the
 * fields its configuration has, plus the clean-up the API documents after a plan change
 * (`fight_mode: false` on Pro and up: "Clean up configuration for SBFM Pro plan").
 */
export function botManagementArgs(zoneId: pulumi.Input<string>, protection: BotProtection, on: boolean): cloudflare.BotManagementArgs {
  if (protection === "bot-fight-mode") return { zoneId, fightMode: on };
  const automated = on ? "managed_challenge" : "allow";
  return {
    zoneId,
    fightMode: false,
    sbfmDefinitelyAutomated: automated,
    sbfmVerifiedBots: "allow",
    sbfmStaticResourceProtection: false,
    ...(protection === "super-bot-fight-mode-likely" ? { sbfmLikelyAutomated: automated } : {}),
  };
}
