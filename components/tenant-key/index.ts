export { TenantKey } from "./tenant-key";
export type { TenantKeyArgs } from "./tenant-key";
