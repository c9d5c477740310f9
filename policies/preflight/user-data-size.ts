/**
 * EC2 user data is limited to 16 KB in raw form, before base64 encoding (Amazon EC2 User Guide,
 * "Work with instance user data"; RequestLaunchTemplateData.UserData). A launch template holds it
 * base64-encoded; an instance takes it raw.
 */
import { EC2_USER_DATA_MAX_BYTES } from "../../components/shared/aws-catalog";
import { resourceRule } from "../rule";
import { PREFLIGHT } from "./control";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

/** Bytes of the user data before encoding, or undefined when the plan does not know it. */
function rawBytes(type: string, props: Record<string, unknown>): number | undefined {
  if (type === LAUNCH_TEMPLATE) {
    const encoded = props["userData"];
    return typeof encoded === "string" ? Buffer.from(encoded, "base64").length : undefined;
  }
  const raw = props["userData"];
  if (typeof raw === "string") return Buffer.byteLength(raw, "utf8");
  const encoded = props["userDataBase64"];
  return typeof encoded === "string" ? Buffer.from(encoded, "base64").length : undefined;
}

export const userDataWithinLimit = resourceRule({
  name: "user-data-within-limit",
  control: PREFLIGHT,
  description: "EC2 user data is at most 16 KB before base64 encoding",
  types: [LAUNCH_TEMPLATE, "aws:ec2/instance:Instance"],
  check: ({ type, props }) => {
    const bytes = rawBytes(type, props);
    return bytes !== undefined && bytes > EC2_USER_DATA_MAX_BYTES
      ? [`user data is ${bytes} bytes before base64 encoding; EC2 takes at most ${EC2_USER_DATA_MAX_BYTES} (16 KB)`]
      : [];
  },
});
