/**
 * One lexing per command text, shared by every reader: the splitter offers the lexer
 * it fed line by line, and the risk rules and the environment-input finder read the
 * same tokens instead of lexing the command again. A small bounded memo beside the
 * lexer (`./lexer.ts`), which knows nothing of it.
 */

import { lexShell, type ShellLexer } from './lexer';

/**
 * How many lexed texts the shared memo keeps, and how many characters of text in all. Each
 * command is looked at by the splitter, the risk rules, the environment-input finder and the
 * client detector one right after the other, so a short memory of recent texts is enough for
 * all of them to share one lexing (a block's commands plus the `$( … )` bodies inside them);
 * the character bound keeps a few huge blocks from pinning megabytes of tokens.
 */
const SHARED_LEX_LIMIT = 64;
const SHARED_LEX_CHARS = 1 << 20;
const sharedLexers = new Map<string, ShellLexer>();
let sharedChars = 0;

/**
 * The lexed form of `text`, shared: every reader of one command gets the same lexer, so a
 * command is lexed once however many rules look at it. Callers must only read it (never
 * feed it more lines).
 */
export function sharedLex(text: string): ShellLexer {
  const hit = sharedLexers.get(text);
  if (hit) return hit;
  const lexer = lexShell(text);
  rememberLex(text, lexer);
  return lexer;
}

/**
 * Offers a lexer built elsewhere (the splitter's, fed line by line) as the lexed form of
 * `text`. Only valid when feeding `text` through `lexShell` would give the same tokens,
 * i.e. the lexer was fed exactly `text`'s lines.
 */
export function rememberLex(text: string, lexer: ShellLexer): void {
  if (text.length > SHARED_LEX_CHARS / 4 || sharedLexers.has(text)) return;
  // Maps iterate in insertion order: drop the oldest until the new one fits.
  while (sharedLexers.size >= SHARED_LEX_LIMIT || (sharedChars + text.length > SHARED_LEX_CHARS && sharedLexers.size > 0)) {
    const oldest = sharedLexers.keys().next().value as string;
    sharedLexers.delete(oldest);
    sharedChars -= oldest.length;
  }
  sharedLexers.set(text, lexer);
  sharedChars += text.length;
}
