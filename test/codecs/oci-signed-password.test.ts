import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ociSignedPassword } from '../../src/codecs/index.ts';

describe('ociSignedPassword', () => {
  it('matches the oci-p.md §5.1 test vector', () => {
    expect(createHash('sha1').update('password').digest('hex')).toBe('5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8');
    expect(ociSignedPassword('1234567890123', 'password')).toBe('77e4a6de3a1e00be05e121cf0ebee860');
  });

  it('equals an independent node:crypto computation for any nonce and password', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (nonce, password) => {
        const sha1 = createHash('sha1').update(password, 'utf8').digest('hex');
        const expected = createHash('md5').update(`${nonce}:${sha1}`, 'utf8').digest('hex');
        expect(ociSignedPassword(nonce, password)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
