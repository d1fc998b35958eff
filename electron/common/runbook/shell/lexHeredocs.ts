/**
 * Heredocs as the lexer (`./lexer.ts`) reads them: a `<<EOF` word opens a document
 * whose body starts on the next line, several may queue on one line, and each takes
 * whole lines until its end marker. Line-level bookkeeping, apart from the
 * character state machine, which only tells this queue when a delimiter word ends
 * and when a line ends.
 */

import { unquoteSimple } from './lexChars';
import type { Heredoc, OpenConstruct } from './lexTokens';

/** The document a `<<` / `<<-` redirection opens, from its raw delimiter word. */
export function openHeredoc(rawDelimiter: string, stripTabs: boolean): Heredoc {
  return {
    delimiter: unquoteSimple(rawDelimiter),
    quoted: /['"\\]/.test(rawDelimiter),
    stripTabs,
    body: '',
    closed: false,
  };
}

export class HeredocQueue {
  private readonly pending: { doc: Heredoc; at: number; lines: number }[] = [];
  /** The coming lines are heredoc bodies (set at the end of the line that opened them). */
  active = false;

  /** Queues a document opened at offset `at`; its body starts after the current line. */
  add(doc: Heredoc, at: number): void {
    if (doc.delimiter !== '') this.pending.push({ doc, at, lines: 0 });
  }

  /** The line that opened documents has ended: the next lines belong to them. */
  lineEnded(): void {
    if (this.pending.length > 0) this.active = true;
  }

  /** A document still waiting for its end marker, described for the reader; null when none. */
  openConstruct(): OpenConstruct | null {
    if (!this.active && this.pending.length === 0) return null;
    const first = this.pending[0];
    return { what: `the heredoc never reaches its end marker ${first?.doc.delimiter ?? ''}`.trimEnd(), at: first?.at ?? 0, kind: 'heredoc' };
  }

  /** Takes one body line (without its line end) while `active`. */
  feedLine(line: string): void {
    const current = this.pending[0];
    if (!current) {
      this.active = false;
      return;
    }
    const doc = current.doc;
    const candidate = doc.stripTabs ? line.replace(/^\t+/, '') : line;
    // Real shells need the marker alone and unindented; runbooks indent it anyway
    // (`  EOF` in an indented block), and the author's intent is unambiguous.
    if (candidate.trim() === doc.delimiter) {
      doc.closed = true;
      this.pending.shift();
      if (this.pending.length === 0) this.active = false;
      return;
    }
    doc.body = current.lines === 0 ? line : doc.body + '\n' + line;
    current.lines++;
  }
}
