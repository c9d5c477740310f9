export { Monitoring } from "./monitoring";
export { MONITORING_DEFAULTS } from "./defaults";
export type { AlarmThresholds, MonitoringArgs } from "./monitoring";
