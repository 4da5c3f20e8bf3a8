import { describe, expect, it } from 'vitest';
import { etagMatches, imageEtag } from '../../../src/images/image-etag.js';

const hash = 'ab'.repeat(32);

describe('imageEtag', () => {
  it('is a quoted strong ETag of the hash', () => {
    expect(imageEtag(hash)).toBe(`"${hash}"`);
  });

  it('matches If-None-Match lists, weak tags and *, but not other images', () => {
    expect(etagMatches(`"${hash}"`, hash)).toBe(true);
    expect(etagMatches(`"other", W/"${hash}"`, hash)).toBe(true);
    expect(etagMatches('*', hash)).toBe(true);
    expect(etagMatches(`"${'cd'.repeat(32)}"`, hash)).toBe(false);
    expect(etagMatches(undefined, hash)).toBe(false);
  });
});
