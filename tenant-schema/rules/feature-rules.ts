/** Rules of the tenant-level features (media, mail, exchange) against the rest of the file. */
import { qualifyHostname, type EdgeSpec } from "../sections/edge";
import type { ExchangeSpec } from "../sections/exchange";
import type { MailSpec } from "../sections/mail";
import type { MediaSpec } from "../sections/media";

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

interface Relevant {
  aws: { accountId?: string };
  edge: EdgeSpec;
  media?: MediaSpec;
  mail?: MailSpec;
  exchange?: ExchangeSpec;
}

export function checkFeatures(spec: Relevant, ctx: Context): void {
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const { edge } = spec;
  const recordNames = edge.records.map((record) => qualifyHostname(record.name, edge.zone));
  const webNames = edge.hostnames.map((hostname) => qualifyHostname(hostname, edge.zone));

  if (spec.media) {
    const fqdn = qualifyHostname(spec.media.hostname, edge.zone);
    if (webNames.includes(fqdn)) add(["media", "hostname"], `${fqdn} is a web hostname (edge.hostnames); the media bucket needs a name of its own`);
    if (recordNames.includes(fqdn)) add(["media", "hostname"], `${fqdn} is already in edge.records; remove it there or choose another media hostname`);
    if (!edge.manageZone) {
      add(["media"], "serves the bucket through the zone's Cloud Connector rules, which the tenant that manages the zone owns; set edge.manageZone: true or drop media");
    }
  }

  if (spec.mail) {
    const taken = [`_dmarc.${edge.zone}`, `${spec.mail.mailFromSubdomain}.${edge.zone}`];
    edge.records.forEach((record, i) => {
      const fqdn = qualifyHostname(record.name, edge.zone);
      if (taken.includes(fqdn)) add(["edge", "records", i, "name"], `${fqdn} is published by the mail section (DMARC and MAIL FROM); remove this record`);
    });
    if (webNames.includes(`${spec.mail.mailFromSubdomain}.${edge.zone}`)) {
      add(["mail", "mailFromSubdomain"], `${spec.mail.mailFromSubdomain}.${edge.zone} is a web hostname; choose another MAIL FROM subdomain`);
    }
  }

  if (spec.exchange && !spec.aws.accountId) {
    add(["aws", "accountId"], "is needed by exchange: partners find the export bucket by a name that includes the account id");
  }
}
