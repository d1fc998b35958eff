import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../electron/common/canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1,{"y":null,"z":true}]},"b":1}');
  });

  it('spells the same value the same way however it was built', () => {
    const one = { text: 'ü\n"q"', n: 1.5e-7, list: [] };
    const two = JSON.parse(JSON.stringify({ list: [], n: 0.00000015, text: 'ü\n"q"' })) as unknown;
    expect(canonicalJson(two)).toBe(canonicalJson(one));
  });

  it('drops undefined members like JSON.stringify, and sorts by code unit', () => {
    expect(canonicalJson({ b: undefined, a: 1, B: 2, é: 3 })).toBe('{"B":2,"a":1,"é":3}');
  });

  it('refuses values JSON cannot carry instead of corrupting them', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/plain object/);
    expect(() => canonicalJson({ n: 10n })).toThrow(/bigint/);
  });
});
