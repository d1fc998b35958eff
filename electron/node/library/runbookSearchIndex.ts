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
  texts: IndexedText[];
}

/** A title hit outranks a heading hit, which outranks a command hit. */
const WEIGHT: Record<MatchKind, number> = { title: 10, heading: 4, command: 1 };
/** Enough to show why a runbook matched without flooding the list. */
const MAX_MATCHES_PER_RUNBOOK = 4;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/**
 * Full-text search over runbook titles, headings and commands. Every word of the
 * query must occur (as a word prefix, so `kube` finds `kubectl`) somewhere in the
 * runbook; results are ranked by where the words occur. In memory: a team's
 * library is hundreds of files, which a linear scan answers in milliseconds.
 */
export class RunbookSearchIndex {
  private readonly runbooks = new Map<string, IndexedRunbook>();

  set(runbook: Runbook): void {
    const texts: IndexedText[] = [{ kind: 'title', text: runbook.title, line: 1, tokens: tokenize(runbook.title) }];
    for (const section of runbook.sections) texts.push({ kind: 'heading', text: section.title, line: section.line, tokens: tokenize(section.title) });
    for (const step of runbook.steps) {
      for (const command of step.commands) texts.push({ kind: 'command', text: command.text, line: command.line, tokens: tokenize(command.text) });
    }
    this.runbooks.set(runbook.id, { id: runbook.id, title: runbook.title, path: runbook.path, texts });
  }

  delete(id: string): void {
    this.runbooks.delete(id);
  }

  search(query: string): RunbookSearchHit[] {
    const words = [...new Set(tokenize(query))];
    if (words.length === 0) return [];
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
      if (!everyWordFound) continue;
      const matches = runbook.texts
        .filter((text) => words.some((word) => text.tokens.some((token) => token.startsWith(word))))
        .sort((a, b) => WEIGHT[b.kind] - WEIGHT[a.kind])
        .slice(0, MAX_MATCHES_PER_RUNBOOK)
        .map(({ kind, text, line }) => ({ kind, text: text.length > 200 ? text.slice(0, 199) + '…' : text, line }));
      scored.push({ hit: { id: runbook.id, title: runbook.title, path: runbook.path, matches }, score });
    }
    return scored.sort((a, b) => b.score - a.score || a.hit.title.localeCompare(b.hit.title)).map((s) => s.hit);
  }
}
