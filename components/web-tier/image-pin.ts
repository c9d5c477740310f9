/**
 * The image a deploy runs, resolved once for the whole fleet. An ECR image named by tag is
 * resolved to its digest at deploy (aws.ecr.getImage, in the repository's own region): every
 * instance of the deploy runs that version even when the tag moves, and a moved tag reaches the
 * fleet with the next deploy, as an instance refresh. Images of other registries run as written:
 * pin them with `@sha256:` in the tenant file (each instance still keeps the image id it first
 * ran, see start-script.ts, but two instances started at different times may differ).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ECR_TAGGED_IMAGE } from "./ecr-image";

export { resolvedAtDeploy } from "./ecr-image";

export function pinnedImage(image: string, parent: pulumi.Resource): pulumi.Output<string> {
  const ecr = ECR_TAGGED_IMAGE.exec(image);
  if (!ecr) return pulumi.output(image);
  const [, registry, registryId, region, repositoryName, tag] = ecr;
  return aws.ecr
    // Without a tag docker pulls `latest`.
    .getImageOutput({ registryId: registryId!, region: region!, repositoryName: repositoryName!, imageTag: tag ?? "latest" }, { parent })
    .apply((found) => `${registry}/${repositoryName}@${found.imageDigest}`);
}
