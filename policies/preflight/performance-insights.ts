/**
 * Performance Insights only where the class offers it: not on db.t2/db.t3/db.t4g micro and small
 * for MySQL and MariaDB (Amazon RDS User Guide, "Amazon RDS DB engine, Region, and instance class
 * support for Database Insights"). CreateDBInstance refuses EnablePerformanceInsights there.
 */
import { performanceInsightsAvailable } from "../../components/shared/aws-catalog";
import { resourceRule } from "../rule";
import { isTrue, text } from "../rules/values";
import { PREFLIGHT } from "./control";

export const performanceInsightsOffered = resourceRule({
  name: "rds-performance-insights-offered",
  control: PREFLIGHT,
  description: "Performance Insights is turned on only for instance classes that offer it",
  types: ["aws:rds/instance:Instance"],
  check: ({ props }) => {
    if (!isTrue(props["performanceInsightsEnabled"])) return [];
    // A replica runs its source's engine, which it does not name: judge by the class alone then.
    const engine = text(props["engine"]) || "mysql";
    const instanceClass = text(props["instanceClass"]);
    return performanceInsightsAvailable(engine, instanceClass) ? [] : [`${instanceClass} does not offer Performance Insights for ${engine}`];
  },
});
