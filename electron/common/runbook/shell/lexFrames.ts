/**
 * The lexer's nesting model (`./lexer.ts`): the kinds of construct that can be open
 * (quotes, `$( … )`, groups, `if`/`case`/loops, …) as frames on an explicit stack, the
 * per-shell-code level state, which frames are scanned with shell rules, and how an
 * open frame is named to the reader ("a single quote", "an if (no fi)").
 */

import type { RedirToken } from './lexTokens';

export type FrameKind =
  | 'sq' // '…'
  | 'dq' // "…"
  | 'ansi' // $'…'
  | 'bt' // `…` (shell code)
  | 'cmd' // $( … ) (shell code)
  | 'proc' // <( … ) / >( … ) (shell code)
  | 'arith' // $(( … )) / (( … ))
  | 'aparen' // ( … ) inside arithmetic
  | 'param' // ${ … }
  | 'wparen' // ( … ) inside a word: arrays, extglob, or sloppy text like rate(x)
  | 'sub' // ( … ) subshell
  | 'brace' // { …; }
  | 'if'
  | 'case'
  | 'loop'; // for/while/until/select … done

export interface Frame {
  kind: FrameKind;
  /** Offset where the construct opened (for "the quote opened on line N"). */
  at: number;
  /** wparen only: `name=(` arrays may span lines; other word parens end at the line end. */
  array?: boolean;
  /** Shell-code frames opened directly inside a top-level word record their range. */
  recordSub?: boolean;
}

/** Per shell-code level (top level, and inside each `$( … )`, backticks, `<( … )`). */
export interface Level {
  cmdPos: boolean;
  wordStart: number;
  lastOp: string | null;
  heredocNext: { stripTabs: boolean; token: RedirToken | null } | null;
  redirNext: RedirToken | null;
  funcNext: boolean;
}

/** Frames whose content is scanned with shell-level rules (words, operators, keywords). */
export const SHELL_LEVEL_FRAMES = new Set<FrameKind>(['bt', 'cmd', 'proc', 'sub', 'brace', 'if', 'case', 'loop']);

export function newLevel(): Level {
  return { cmdPos: true, wordStart: -1, lastOp: null, heredocNext: null, redirNext: null, funcNext: false };
}

export function describeFrame(kind: FrameKind): string {
  switch (kind) {
    case 'sq':
      return 'a single quote';
    case 'dq':
      return 'a double quote';
    case 'ansi':
      return "a $'…' quote";
    case 'bt':
      return 'a backtick';
    case 'cmd':
      return 'a $( … )';
    case 'proc':
      return 'a <( … )';
    case 'arith':
    case 'aparen':
      return 'a $(( … ))';
    case 'param':
      return 'a ${ … }';
    case 'wparen':
      return 'a ( … )';
    case 'sub':
      return 'a ( … ) subshell';
    case 'brace':
      return 'a { …; } group';
    case 'if':
      return 'an if (no fi)';
    case 'case':
      return 'a case (no esac)';
    case 'loop':
      return 'a loop (no done)';
  }
}
