/**
 * Load balancers and target groups are named by the provider (an auto-name, or a `namePrefix`
 * with the provider's unique suffix), so that a replacement can exist beside the resource it
 * replaces. Sources:
 *
 * - The engine creates a replacement before it deletes the old resource unless the resource is
 *   `deleteBeforeReplace` (pulumi/pulumi `pkg/resource/deploy/step_generator.go`); a changed
 *   logical name without an alias is a create, then a delete, too.
 * - The provider refuses to create a second one of a name that exists: terraform-provider-aws
 *   `internal/service/elbv2/load_balancer.go` ("ELBv2 Load Balancer (%s) already exists") and
 *   `target_group.go` ("ELBv2 Target Group (%s) already exists") in their create functions.
 *   ForceNew arguments there: load balancers name, name_prefix, internal, load_balancer_type,
 *   customer_owned_ipv4_pool; target groups name, name_prefix, port, protocol, protocol_version,
 *   target_type, vpc_id, ip_address_type.
 * - Deleting first works for a load balancer (DeleteLoadBalancer deletes its listeners, which the
 *   engine replaces with it: their `load_balancer_arn` is ForceNew), but not for a target group a
 *   listener forwards to: the engine replaces only dependents whose own diff needs it (the
 *   listener's `default_action` updates in place; `calculateDependentReplacements` in
 *   step_generator.go), and ELB refuses to delete a target group still referenced by an action
 *   (ELB API reference, DeleteTargetGroup: "You can delete a target group if it is not referenced
 *   by any actions"; ResourceInUse).
 */
import { resourceRule } from "../rule";
import { PREFLIGHT } from "./control";

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";

export const elbNamesReplaceable = resourceRule({
  name: "elb-names-replaceable",
  control: PREFLIGHT,
  description: "Load balancers and target groups are named by the provider (auto-name or namePrefix), so that a replacement can be created while the old one exists",
  types: [LOAD_BALANCER, TARGET_GROUP],
  check: ({ type, props, opts }) => {
    const name = props["name"];
    if (typeof name !== "string") return [];
    if (type === LOAD_BALANCER) {
      return opts.deleteBeforeReplace ? [] : [
        `name "${name}" is fixed: a replacement is created before the old load balancer is deleted, and AWS refuses a second load balancer of that name; leave the name to the provider (namePrefix) or set deleteBeforeReplace`,
      ];
    }
    return [
      `name "${name}" is fixed: a replacement is created before the old target group is deleted, and AWS refuses a second target group of that name (deleting it first fails while a listener forwards to it); leave the name to the provider (namePrefix)`,
    ];
  },
});
