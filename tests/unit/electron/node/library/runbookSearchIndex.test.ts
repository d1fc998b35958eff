import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';
import { RunbookSearchIndex } from '../../../../../electron/node/library/runbookSearchIndex';

function index(files: Record<string, string>): RunbookSearchIndex {
  const idx = new RunbookSearchIndex();
  for (const [path, text] of Object.entries(files)) idx.set(parseRunbook({ path, text }));
  return idx;
}

describe('runbook search by file name', () => {
  // An alert runbook's file name is the alert's name: the first thing a responder types.
  const idx = index({
    '/rb/alerts/ceph/CephOSDCriticallyFull.md': '# OSD critically full\n\n## Diagnosis\n\n```bash\nceph osd df\n```\n',
    '/rb/alerts/ceph/CephOSDNearFull.md': '# OSD near full\n\n```bash\nceph osd df\n```\n',
    '/rb/storage/disk-full.md': '# Disk full on a host\n\nCeph OSD critically full is another runbook.\n\n```bash\ndf -h\n```\n',
  });

  it('finds a runbook by its whole file name, first', () => {
    expect(idx.search('CephOSDCriticallyFull').map((h) => h.path)).toEqual(['/rb/alerts/ceph/CephOSDCriticallyFull.md']);
    expect(idx.search('CephOSDCriticallyFull.md')[0]?.path).toBe('/rb/alerts/ceph/CephOSDCriticallyFull.md');
  });

  it('finds it by the words of its file name, and ranks the name above the text', () => {
    const hits = idx.search('ceph osd critically');
    expect(hits[0]?.path).toBe('/rb/alerts/ceph/CephOSDCriticallyFull.md');
    expect(hits[0]?.matches.some((m) => m.kind === 'file')).toBe(true);
  });

  it('finds it by a prefix of the file name', () => {
    expect(idx.search('CephOSDCrit').map((h) => h.path)).toEqual(['/rb/alerts/ceph/CephOSDCriticallyFull.md']);
    expect(idx.search('cephosd').map((h) => h.path).sort()).toEqual(['/rb/alerts/ceph/CephOSDCriticallyFull.md', '/rb/alerts/ceph/CephOSDNearFull.md']);
  });

  it('matches kebab-case file names by their words', () => {
    expect(idx.search('disk-full')[0]?.path).toBe('/rb/storage/disk-full.md');
  });
});
