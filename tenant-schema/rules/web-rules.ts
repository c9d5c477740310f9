/** Rules of the web section that depend on other fields or sections. */
import { architectureOf } from "../../components/web-tier/architecture";
import { CERTIFICATE_ARN, type WebSpec } from "../sections/web";

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

interface Relevant {
  aws: { region: string };
  network: { nat: string };
  web?: WebSpec;
}

const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\//;

export function checkWeb(spec: Relevant, ctx: Context): void {
  const web = spec.web;
  if (!web) return;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path: ["web", ...path], message });
  const { scaling } = web;
  if (scaling.min > scaling.max) add(["scaling", "min"], `must not exceed web.scaling.max (${scaling.max})`);
  if (scaling.desired !== undefined && (scaling.desired < scaling.min || scaling.desired > scaling.max)) {
    add(["scaling", "desired"], `must lie between web.scaling.min (${scaling.min}) and web.scaling.max (${scaling.max})`);
  }
  scaling.schedules.forEach((entry, i) => {
    if (entry.min === undefined && entry.max === undefined && entry.desired === undefined) {
      add(["scaling", "schedules", i], "changes nothing: give it min, max or desired");
    }
    if (entry.min !== undefined && entry.max !== undefined && entry.min > entry.max) {
      add(["scaling", "schedules", i, "min"], `must not exceed this schedule's max (${entry.max})`);
    }
    // A scheduled action that leaves the group's maximum alone cannot lift its minimum or desired
    // capacity above it (Auto Scaling keeps min <= desired <= max).
    if (entry.max === undefined && entry.min !== undefined && entry.min > scaling.max) {
      add(["scaling", "schedules", i, "min"], `must not exceed web.scaling.max (${scaling.max}); give this schedule a max of ${entry.min} or more, or lower its min`);
    }
    if (entry.max === undefined && entry.desired !== undefined && entry.desired > scaling.max) {
      add(["scaling", "schedules", i, "desired"], `must not exceed web.scaling.max (${scaling.max}); give this schedule a max of ${entry.desired} or more, or lower its desired`);
    }
    if (entry.desired !== undefined && ((entry.max !== undefined && entry.desired > entry.max) || (entry.min !== undefined && entry.desired < entry.min))) {
      add(["scaling", "schedules", i, "desired"], "must lie between this schedule's min and max");
    }
    const first = scaling.schedules.findIndex((other) => other.name === entry.name);
    if (first !== i) add(["scaling", "schedules", i, "name"], `"${entry.name}" is already the name of web.scaling.schedules[${first}]`);
  });
  const derived = architectureOf(web.instanceType);
  if (web.architecture && web.architecture !== derived) {
    add(["architecture"], `${web.instanceType} runs ${derived}; leave architecture out or choose a matching instance type`);
  }
  if (web.workers) {
    if (web.workers.min > web.workers.max) add(["workers", "min"], `must not exceed web.workers.max (${web.workers.max})`);
    if (web.workers.instanceType && architectureOf(web.workers.instanceType) !== derived) {
      add(["workers", "instanceType"], `runs ${architectureOf(web.workers.instanceType)} but the web instances run ${derived}: one image serves both`);
    }
  }
  const certificateRegion = CERTIFICATE_ARN.exec(web.loadBalancer.certificateArn ?? "")?.[1];
  if (certificateRegion && certificateRegion !== spec.aws.region) {
    add(["loadBalancer", "certificateArn"], `is in ${certificateRegion}; the load balancer needs a certificate in aws.region (${spec.aws.region})`);
  }
  for (const [name, reference] of Object.entries(web.app.secrets)) {
    const region = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):/.exec(reference)?.[1];
    if (region && region !== spec.aws.region) {
      add(["app", "secrets", name], `is a secret in ${region}; instances read secrets from aws.region (${spec.aws.region})`);
    }
  }
  if (spec.network.nat === "none") {
    const ecrRegion = ECR_IMAGE.exec(web.app.image)?.[1];
    if (ecrRegion !== spec.aws.region) {
      add(["app", "image"], `with network.nat none the instances reach only AWS endpoints in ${spec.aws.region}: push the image to ECR there, or choose nat single`);
    }
  }
}
