/** Network reachability: every intended flow open, nothing else (the model is in ../reachability/). */
import { reachability } from "../reachability/flows";
import { stackRule } from "../rule";

export const networkReachability = stackRule({
  name: "network-reachability",
  control: "platform reachability",
  description: "Every intended flow is open (Cloudflare to the load balancer, the load balancer to the instances, the instances to the database, the cache and every AWS API their role uses, through NAT or an endpoint) and no security group rule opens anything else",
  check: ({ resources }) => {
    const { flows, unintended } = reachability(resources);
    return [
      ...flows
        .filter((flow) => flow.status === "missing")
        .map((flow) => ({ urn: flow.urn, message: `${flow.from} cannot reach ${flow.to} on tcp/${flow.port}: ${flow.reason}` })),
      ...unintended,
    ];
  },
});
