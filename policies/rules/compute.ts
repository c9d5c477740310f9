/** Launch template and Auto Scaling group rules: IMDSv2, no public IPs, encrypted volumes, health checks, zones. */
import { resourceRule, stackRule } from "../rule";
import { ofType, referencedBy, referencing } from "../stack-view";
import { isTrue, record, records, strings, text } from "./values";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
const LISTENER = "aws:lb/listener:Listener";

export const launchTemplateImdsV2 = resourceRule({
  name: "launch-template-imdsv2",
  control: "FSBP EC2.170, EC2.8",
  description: "Launch templates require IMDSv2",
  types: [LAUNCH_TEMPLATE],
  check: ({ props }) => (record(props["metadataOptions"])["httpTokens"] !== "required"
    ? ["instances would answer IMDSv1: set metadataOptions.httpTokens to required"] : []),
});

export const launchTemplateNoPublicIp = resourceRule({
  name: "launch-template-no-public-ip",
  control: "FSBP EC2.25",
  description: "Launch templates assign no public IP address to network interfaces",
  types: [LAUNCH_TEMPLATE],
  check: ({ props }) => (records(props["networkInterfaces"]).some((nic) => isTrue(nic["associatePublicIpAddress"]))
    ? ["instances would get a public IP address"] : []),
});

export const launchTemplateEncryptedVolumes = resourceRule({
  name: "launch-template-encrypted-volumes",
  control: "FSBP EC2.3",
  description: "Every EBS volume a launch template defines is encrypted",
  types: [LAUNCH_TEMPLATE],
  check: ({ props }) => records(props["blockDeviceMappings"])
    .filter((mapping) => mapping["ebs"] !== undefined && !isTrue(record(mapping["ebs"])["encrypted"]))
    .map((mapping) => `volume ${text(mapping["deviceName"])} is not encrypted: set ebs.encrypted`),
});

export const groupUsesLaunchTemplate = resourceRule({
  name: "auto-scaling-group-launch-template",
  control: "FSBP AutoScaling.9",
  description: "Auto Scaling groups launch from launch templates, not launch configurations",
  types: [GROUP],
  check: ({ props }) => (props["launchTemplate"] || props["mixedInstancesPolicy"] ? [] : ["the group has no launch template (launch configurations are retired)"]),
});

export const groupSpansZones = resourceRule({
  name: "auto-scaling-group-several-zones",
  control: "FSBP AutoScaling.2",
  description: "Auto Scaling groups span at least two subnets or Availability Zones",
  types: [GROUP],
  check: ({ props }) => {
    const places = Math.max(strings(props["vpcZoneIdentifiers"]).length, strings(props["availabilityZones"]).length);
    return places >= 2 ? [] : [`the group spans ${places} zone${places === 1 ? "" : "s"}: give it subnets in at least two`];
  },
});

export const groupUsesLoadBalancerHealthChecks = stackRule({
  name: "auto-scaling-group-elb-health-checks",
  control: "FSBP AutoScaling.1",
  description: "An Auto Scaling group whose target group receives traffic from a listener is judged by the load balancer's health checks",
  check: ({ resources }) => ofType(resources, GROUP)
    .filter((group) => group.props["healthCheckType"] !== "ELB")
    // A target group no listener forwards to (HTTPS waiting for delegation) cannot judge instances yet.
    .filter((group) => referencedBy(group, "targetGroupArns", TARGET_GROUP).some((target) => referencing(resources, target, LISTENER).length > 0))
    .map((group) => ({ urn: group.urn, message: "the group's target group serves traffic but the group ignores its health checks: set healthCheckType ELB" })),
});
