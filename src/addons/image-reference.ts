// Splits a container image reference ("registry:5000/team/app:v1.2.3@sha256:...") into repository and tag,
// and reads a release version from the tag.
export interface ImageReference {
  repository: string;
  tag?: string;
}

export function parseImageReference(image: string): ImageReference {
  const withoutDigest = image.trim().split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon === -1) return { repository: withoutDigest };
  return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
}

/** "v1.26.4" → "1.26.4", "0.7.6-debian-10-r12" → "0.7.6-debian-10-r12"; undefined for "latest" or a bare digest. */
export function versionFromTag(tag: string | undefined): string | undefined {
  if (!tag || !/^v?\d+\.\d+/.test(tag)) return undefined;
  return tag.replace(/^v/, '');
}
