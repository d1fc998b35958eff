import { describe, expect, it } from 'vitest';
import { hashText } from '../../../../../electron/common/runbook/ids';

/** The hash as first written (with Number#toString(36)): step ids saved in incidents must not change. */
function reference(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

describe('hashText', () => {
  it('gives the same ids as before for many texts', () => {
    const texts = ['', 'kubectl get pods', '# Roll back\nkubectl rollout undo deploy/api', 'ü障害', ...Array.from({ length: 5_000 }, (_, i) => `step ${i} ${i * 7919}`)];
    for (const t of texts) expect(hashText(t), t).toBe(reference(t));
  });
});
