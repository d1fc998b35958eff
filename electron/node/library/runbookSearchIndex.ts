import type { Runbook } from '../../common/runbook/model';
import type { RunbookSearchHit } from '../../common/services/runbookService';

type MatchKind = RunbookSearchHit['matches'][number]['kind'];

interface IndexedText {
  kind: MatchKind;
  text: string;
  line: number;
  tokens: string[];
}

interface IndexedRunbook {
  id: string;
  title: string;
  path: string;
  /** The file name without extension, letters and digits only, lower case: `cephosdcriticallyfull`. */
  fileKey: string;
  texts: IndexedText[];
}

/** A title or file-name hit outranks a heading hit, which outranks a command hit, then the prose. */
const WEIGHT: Record<MatchKind, number> = { title: 10, file: 10, heading: 4, command: 1, body: 0.5 };
/** The query is the file's name (an alert runbook's name is the alert's): that runbook comes first. */
const FILE_NAME_BONUS = 100;
/** Enough to show why a runbook matched without flooding the list. */
const MAX_MATCHES_PER_RUNBOOK = 4;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** The file's name without folder and extension: `alerts/CephOSDCriticallyFull.md` → `CephOSDCriticallyFull`. */
function fileBase(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.(?:md|markdown|mdown|mkd|txt)$/i, '');
}

/** Letters and digits only, lower case: how a file name and a query are compared whole. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Words of a file name: the whole name, and its parts split at `-`, `_`, `.` and case changes,
 * so `CephOSDCriticallyFull` is found by `ceph osd full` as well as by its whole name.
 */
function fileTokens(base: string): string[] {
  const parts = base
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u);
  return [...new Set([squash(base), ...tokenize(base), ...parts.map((p) => p.toLowerCase())].filter((t) => t !== ''))];
}

/**
 * Full-text search over runbook titles, file names, headings, commands and prose (what a
 * responder remembers of a runbook is often a word of its text: "quorum"). Every word of the
 * query must occur (as a word prefix, so `kube` finds `kubectl`) somewhere in the
 * runbook; results are ranked by where the words occur. In memory: a team's
 * library is hundreds of files, which a linear scan answers in milliseconds.
 */
export class RunbookSearchIndex {
  private readonly runbooks = new Map<string, IndexedRunbook>();

  /** `source`: the runbook's Markdown, whose prose lines (outside code fences) are searched too. */
  set(runbook: Runbook, source = ''): void {
    const base = fileBase(runbook.path);
    const texts: IndexedText[] = [
      { kind: 'title', text: runbook.title, line: 1, tokens: tokenize(runbook.title) },
      { kind: 'file', text: base, line: 1, tokens: fileTokens(base) },
    ];
    for (const section of runbook.sections) texts.push({ kind: 'heading', text: section.title, line: section.line, tokens: tokenize(section.title) });
    for (const step of runbook.steps) {
      for (const command of step.commands) texts.push({ kind: 'command', text: command.text, line: command.line, tokens: tokenize(command.text) });
    }
    for (const prose of proseLines(source)) texts.push({ kind: 'body', text: prose.text, line: prose.line, tokens: tokenize(prose.text) });
    this.runbooks.set(runbook.id, { id: runbook.id, title: runbook.title, path: runbook.path, fileKey: squash(base), texts });
  }

  delete(id: string): void {
    this.runbooks.delete(id);
  }

  search(query: string): RunbookSearchHit[] {
    // `CephOSDCriticallyFull.md` is typed as the file is named; the extension is no word to find.
    const typed = query.trim().replace(/\.(?:md|markdown|mdown|mkd)$/i, '');
    const words = [...new Set(tokenize(typed))];
    if (words.length === 0) return [];
    const wholeQuery = squash(typed);
    const scored: { hit: RunbookSearchHit; score: number }[] = [];
    for (const runbook of this.runbooks.values()) {
      let score = 0;
      let everyWordFound = true;
      for (const word of words) {
        let best = 0;
        for (const text of runbook.texts) {
          if (WEIGHT[text.kind] > best && text.tokens.some((token) => token.startsWith(word))) best = WEIGHT[text.kind];
        }
        if (best === 0) {
          everyWordFound = false;
          break;
        }
        score += best;
      }
      if (!everyWordFound && !(wholeQuery.length >= 3 && runbook.fileKey.startsWith(wholeQuery))) continue;
      if (wholeQuery === runbook.fileKey) score += FILE_NAME_BONUS;
      else if (wholeQuery.length >= 3 && runbook.fileKey.startsWith(wholeQuery)) score += FILE_NAME_BONUS / 2;
      const matches = runbook.texts
        .filter((text) => words.some((word) => text.tokens.some((token) => token.startsWith(word))))
        .sort((a, b) => WEIGHT[b.kind] - WEIGHT[a.kind])
        .slice(0, MAX_MATCHES_PER_RUNBOOK)
        .map(({ kind, text, line }) => ({ kind, text: text.length > 200 ? text.slice(0, 199) + '…' : text, line }));
      scored.push({ hit: { id: runbook.id, title: runbook.title, path: runbook.path, matches }, score });
    }
    return scored.sort((a, b) => b.score - a.score || a.hit.title.localeCompare(b.hit.title) || a.hit.path.localeCompare(b.hit.path)).map((s) => s.hit);
  }
}

/**
 * The prose lines of a Markdown text: outside fenced code (its commands are indexed as
 * commands), not headings (indexed as headings), not blank; list and quote markers dropped.
 */
function proseLines(source: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fence: string | null = null;
  source.split(/\r?\n/).forEach((raw, i) => {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (opener) {
      const marker = opener[1] as string;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return;
    }
    if (fence !== null || /^\s{0,3}#/.test(raw)) return;
    const text = raw.replace(/^\s*(?:[-*+>]|\d+[.)])\s+/, '').trim();
    if (text !== '') lines.push({ text, line: i + 1 });
  });
  return lines;
}
