/** The control every preflight rule names: an API constraint the provider checks only at deploy time. */
export const PREFLIGHT = "platform preflight";
