import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';
import { RunbookSearchIndex } from '../../../../../electron/node/library/runbookSearchIndex';

function index(files: Record<string, string>): RunbookSearchIndex {
  const idx = new RunbookSearchIndex();
  for (const [path, text] of Object.entries(files)) idx.set(parseRunbook({ path, text }), text);
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

describe('runbook search in the prose', () => {
  const idx = index({
    '/rb/etcdMembersDown.md':
      '# Etcd members down\n\n## Meaning\n\nThe cluster keeps working while a majority of members is up: it loses quorum when\nmore than half are down.\n\n- Writes fail once quorum is lost.\n\n```bash\netcdctl endpoint health\n```\n',
    '/rb/quorum.md': '# Quorum lost\n\nWhat to do when a consensus cluster loses its majority.\n',
    '/rb/disk.md': '# Host triage\n\nUse this when the disk is full or nearly full.\n\n```bash\n# quorum in a comment is code, not prose\ndf -h\n```\n',
  });

  it('finds a runbook by a word of its text, with the line that holds it', () => {
    const hits = idx.search('quorum');
    expect(hits.map((h) => h.path)).toContain('/rb/etcdMembersDown.md');
    const etcd = hits.find((h) => h.path === '/rb/etcdMembersDown.md')!;
    expect(etcd.matches).toContainEqual({ kind: 'body', text: 'The cluster keeps working while a majority of members is up: it loses quorum when', line: 5 });
    // A list item reads without its marker.
    expect(etcd.matches).toContainEqual({ kind: 'body', text: 'Writes fail once quorum is lost.', line: 8 });
  });

  it('ranks a title above the prose, and the words may sit in different lines', () => {
    expect(idx.search('quorum')[0]?.path).toBe('/rb/quorum.md');
    expect(idx.search('members down').map((h) => h.path)).toEqual(['/rb/etcdMembersDown.md']);
    expect(idx.search('disk full').map((h) => h.path)).toEqual(['/rb/disk.md']);
  });

  it('reads code fences as code, not prose, and headings once', () => {
    // `quorum` stands only in a comment inside disk.md's fence.
    expect(idx.search('quorum').map((h) => h.path)).not.toContain('/rb/disk.md');
    const meaning = idx.search('meaning')[0]!;
    expect(meaning.matches.filter((m) => m.text === 'Meaning').map((m) => m.kind)).toEqual(['heading']);
  });
});
