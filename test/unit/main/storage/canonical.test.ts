import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentSha256 } from '../../../../main/storage/canonical';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: 'é' } })).toBe('{"a":{"c":"é","d":[3,{"z":1}]},"b":1}');
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
    expect(canonicalJson([undefined, null])).toBe('[null,null]');
  });

  it('hashes the canonical form with SHA-256', () => {
    const expected = createHash('sha256').update('{"a":1,"b":2}').digest('hex');
    expect(contentSha256({ b: 2, a: 1 })).toBe(expected);
  });
});
