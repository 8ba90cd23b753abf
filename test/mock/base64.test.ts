// The embedded transport's base64 (files crossing it as a wire would): the same text as Node's encoder,
// the same bytes back, and nothing but canonical padded base64 accepted.
import fc from 'fast-check';
import { decodeBase64, encodeBase64 } from '../../miniprogram/mock/base64';

describe('base64', () => {
  it('encodes as Node does and decodes back, for every length', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(decodeBase64(text) ?? [])).toEqual(Array.from(bytes));
    }), { numRuns: 300 });
  });

  it('refuses text that is not padded base64', () => {
    ['abc', 'ab=c', '@@@@', 'YQ', 'YQ===', 'Y Q==', 'YQ==YQ=='].forEach((bad) => expect(decodeBase64(bad)).toBeNull());
    expect(Array.from(decodeBase64('') ?? [1])).toEqual([]);
  });
});
