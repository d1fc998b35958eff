import { describe, expect, it } from 'vitest';
import { capOutputText } from '../../../../../electron/common/incident/outputText';

describe('capOutputText', () => {
  it('keeps output under the cap whole', () => {
    expect(capOutputText('hello\nworld', 100)).toEqual({ text: 'hello\nworld', truncated: false });
  });

  it('keeps head and tail around a marker that says how much was dropped', () => {
    const text = 'H'.repeat(50) + 'm'.repeat(1000) + 'T'.repeat(50);
    const { text: capped, truncated } = capOutputText(text, 100);
    expect(truncated).toBe(true);
    expect(capped.startsWith('H'.repeat(50))).toBe(true);
    expect(capped.endsWith('T'.repeat(50))).toBe(true);
    expect(capped).toContain('[1000 characters of output omitted]');
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(200);
    const { text: capped } = capOutputText(text, 101);
    expect(capped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
