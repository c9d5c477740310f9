/**
 * An ACM certificate carries at most 10 domain names by default (the domain name and the subject
 * alternative names together; ACM User Guide, "Quotas",
 * https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html). RequestCertificate refuses more
 * unless the account's quota was raised.
 */
import { ACM_DEFAULT_NAMES_PER_CERTIFICATE } from "../../components/shared/aws-catalog";
import { resourceRule } from "../rule";
import { strings, text } from "../rules/values";
import { PREFLIGHT } from "./control";

export const certificateNamesWithinQuota = resourceRule({
  name: "acm-certificate-names-within-quota",
  control: PREFLIGHT,
  description: "ACM certificates carry at most 10 domain names (the default quota)",
  types: ["aws:acm/certificate:Certificate"],
  check: ({ props }) => {
    const names = new Set([text(props["domainName"]), ...strings(props["subjectAlternativeNames"])].filter(Boolean));
    return names.size > ACM_DEFAULT_NAMES_PER_CERTIFICATE
      ? [`the certificate names ${names.size} domains; ACM issues at most ${ACM_DEFAULT_NAMES_PER_CERTIFICATE} per certificate (default quota)`]
      : [];
  },
});
