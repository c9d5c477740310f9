export { Monitoring } from "./monitoring";
export type { AlarmThresholds, MonitoringArgs } from "./monitoring";
