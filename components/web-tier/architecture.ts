/** CPU architecture of the instances; Graviton (arm64) costs about 20% less for the same work. */
export type Architecture = "arm64" | "x86_64";

/**
 * The architecture an instance type runs: Graviton families carry a `g` after the generation
 * (t4g, m7g, c7gn, im4gn), and the first Graviton family is `a1`.
 */
export function architectureOf(instanceType: string): Architecture {
  const family = instanceType.split(".")[0] ?? "";
  return family === "a1" || /^[a-z]+\d+g/.test(family) ? "arm64" : "x86_64";
}

/** The SSM public parameter holding the latest Amazon Linux 2023 image for an architecture. */
export function amazonLinuxParameter(architecture: Architecture): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}
