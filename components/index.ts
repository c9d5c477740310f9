/** Reusable Pulumi components of the tenant platform. Each also has its own entry point. */
export * from "./network";
export * from "./tenant-key";
export * from "./web-tier";
export * from "./database";
export * from "./cache";
export * from "./edge";
export * from "./backup";
export * from "./monitoring";
export * from "./media-bucket";
export * from "./mail";
export * from "./data-exchange";
