/**
 * What the shell lexer (`./lexer.ts`) hands to its readers: the top-level tokens of a
 * command (words with the sub-ranges of their `$( … )`, operators, redirections with
 * their heredoc bodies, comments) and the description of what keeps a command open.
 * Kept apart so the splitter, the risk rules and the input finders can name these
 * shapes without depending on the state machine that produces them.
 */

export interface SubRange {
  /** Offsets into the lexer's text of the code inside `$( … )`, `` ` … ` `` or `<( … )`. */
  start: number;
  end: number;
}

export interface WordToken {
  kind: 'word';
  raw: string;
  start: number;
  end: number;
  subs: SubRange[];
}

export interface OpToken {
  kind: 'op';
  /** `|`, `|&`, `&&`, `||`, `;`, `&`, `;;`, `(`, `)`, `\n`, or `case)` for the end of a case pattern. */
  op: string;
  start: number;
}

export interface Heredoc {
  delimiter: string;
  /** The delimiter was quoted (`<<'EOF'`): the body is literal, no expansion. */
  quoted: boolean;
  stripTabs: boolean;
  body: string;
  closed: boolean;
}

export interface RedirToken {
  kind: 'redir';
  op: string;
  fd: string | null;
  start: number;
  target: WordToken | null;
  heredoc: Heredoc | null;
}

export interface CommentToken {
  kind: 'comment';
  start: number;
  end: number;
}

export type Token = WordToken | OpToken | RedirToken | CommentToken;

export interface OpenConstruct {
  /** Human words: "a single quote", "the heredoc never reaches its end marker EOF", "a trailing |". */
  what: string;
  /** `open`: a quote, `$( … )`, group or block never closed; `heredoc`; `trailing`: `\\`, `|`, `&&`, `||` at the end. */
  kind: 'open' | 'heredoc' | 'trailing';
  /** Offset into the lexer's text where it opened. */
  at: number;
}
