/**
 * A note (advisory) for an application image that the fleet may run in more than one version: an
 * image of a registry other than ECR, named by tag. The deploy resolves only ECR tags to a digest
 * (components/web-tier/image-pin.ts, aws.ecr.getImage); any other image is pulled by each instance
 * as written, when it first starts. A tag is "a custom, human-readable pointer to a manifest",
 * which a push of another manifest to the same tag moves, while a digest is "a unique identifier
 * created from a cryptographic hash of a Blob's content" (OCI Distribution Specification,
 * "Definitions" and "Pushing manifests": https://github.com/opencontainers/distribution-spec/blob/main/spec.md). Instances
 * started at different times (scaling out, replacement of an unhealthy one, an instance refresh)
 * may therefore run different versions. Pinned by `@sha256:` it cannot move.
 *
 * The rule reads the image from the tenant's declarations; the finding names the stack's first
 * launch template, the resource whose instances pull it.
 */
import { resolvedAtDeploy } from "../../components/web-tier/ecr-image";
import { stackRule } from "../rule";
import { PREFLIGHT } from "./control";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

export const imagePinnedForFleet = stackRule({
  name: "image-pinned-for-fleet",
  control: PREFLIGHT,
  description: "The application image is pinned by digest, or is an ECR image the deploy resolves to one, so every instance runs the same version",
  enforcementLevel: "advisory",
  check: ({ resources, declared }) => {
    const image = declared?.image;
    if (image === undefined || image.includes("@") || resolvedAtDeploy(image)) return [];
    const template = resources.find((r) => r.type === LAUNCH_TEMPLATE);
    if (!template) return [];
    return [{
      urn: template.urn,
      message: `web.app.image "${image}" is named by a tag, which its registry may move to another image: pin \`@sha256:\`; instances started at different times may run different versions (only ECR tags are resolved to a digest at deploy)`,
    }];
  },
});
