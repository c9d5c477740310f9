/** Which application images the deploy resolves to a digest: ECR images named by tag. */

/** An ECR image named by tag or by none: registry (account, region), repository, optional tag. */
export const ECR_TAGGED_IMAGE = /^((\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com)\/([^:@]+)(?::([\w][\w.-]{0,127}))?$/;

/** True when the deploy resolves the image to a digest: an ECR image named by tag (or by none: `latest`). */
export function resolvedAtDeploy(image: string): boolean {
  return ECR_TAGGED_IMAGE.test(image);
}
