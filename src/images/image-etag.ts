/**
 * HTTP caching helpers for stored images. A stored image never changes under
 * its hash, so the hash is a strong ETag and the bytes may be cached for long.
 */
export const IMAGE_CONTENT_TYPE = 'image/webp';

export function imageEtag(sha256: string): string {
  return `"${sha256}"`;
}

/** True when an If-None-Match header already names this image (answer 304). */
export function etagMatches(ifNoneMatch: string | undefined | null, sha256: string): boolean {
  if (!ifNoneMatch) return false;
  const wanted = imageEtag(sha256);
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === wanted || tag === '*');
}
