/**
 * Facts about AWS that the providers check only at deploy time, each with its source and the date
 * it was read: regions and zones, instance types and classes, engine versions, log retentions,
 * quotas and naming rules. Used by the tenant file schema and by the preflight rules over the plan.
 */
export * from "./regions";
export * from "./ec2";
export * from "./rds";
export * from "./elasticache";
export * from "./logs-and-certificates";
export { familySizes } from "./sizes";
