/**
 * Prompts in transcripts: shell prompts (`$ `, `user@host:~$ `, `[user@host dir]$ `,
 * `# ` for root when a known command follows) and REPL prompts (`db=# `, `mysql> `,
 * `127.0.0.1:6379> `, …) that say which client a line is typed into.
 *
 * Every pattern is anchored with bounded repetition, so matching a line is linear.
 */

export interface ReplPrompt {
  /** Length of the prompt to strip. */
  length: number;
  client: string;
  /** A continuation prompt (`db-# `, `    -> `): the line continues the statement before it. */
  continuation: boolean;
}

/** Shell prompts that are prompts whatever follows. */
const SHELL_PROMPTS: readonly RegExp[] = [
  // $ , (venv) $ , (base) $
  /^(?:\([\w.-]{1,64}\) )?\$(?: |$)/,
  // a shell's default prompt inside pods and hosts: sh-5.1$ , sh-4.4# , bash-5.1# , (venv) bash-4.2$
  /^(?:\([\w.-]{1,64}\) )?(?:ba|z|k|da|a)?sh-\d{1,2}(?:\.\d{1,3}){0,2}[$#](?: |$)/,
  // fancy prompts: ❯ , ➜  ~ , λ
  /^(?:❯|➜ {1,3}(?:[~/][^\s]{0,256} )?|λ) +/,
  // user@host:~/dir$ , (venv) user@host:~$ , root@host:/# , user@host ~ %
  /^(?:\([\w.-]{1,64}\) )?[\w.-]{1,64}@[\w.-]{1,128}(?::[^\s$#%]{0,256})?(?: [^\s$#%]{1,256})? ?[$#%](?: |$)/,
  // [user@host dir]$ , [root@host ~]#
  /^(?:\([\w.-]{1,64}\) )?\[[^\]\n]{1,128}\] ?[$#](?: |$|(?=[a-z]))/,
  // $> (a prompt some runbooks draw); `chef-repo $ knife …` (the folder, then the prompt)
  /^\$> /,
  /^[\w.~/-]{1,64} \$ (?=[a-z./~])/,
  // ~/app$ , host:/var/log$
  /^(?:~[^\s$#]{0,256}|[\w.-]{1,64}:[~/][^\s$#]{0,256}) ?[$#](?: |$)/,
];

/** Prompts that look like plain text too (`# note`, `% done`): prompts only when a known command follows. */
const CONDITIONAL_PROMPTS: readonly RegExp[] = [/^# /, /^% /];

/**
 * Prompts that are prompts in any fence when a known command follows: `> gpg --card-edit`
 * (a `>` drawn as the prompt), `$mac brew install …`, `$dev cd /app` (the prompt names the
 * machine). Nobody redirects into a file named after a command or runs a variable named `$mac`.
 */
const KNOWN_COMMAND_PROMPTS: readonly RegExp[] = [/^> (?=\S)/, /^\$[a-z][a-z0-9-]{1,15} (?=\S)/];


/**
 * Every shell prompt above ends in `$`, `#`, `%`, `❯` or `➜` followed by a space or the line's
 * end; a line without one (`$VAR`, `a#b`) skips the patterns.
 */
const SHELL_PROMPT_END = /[$#%❯➜λ](?: |$)/;

/** Length of a shell prompt at the start of `line` (leading spaces included), or 0. */
export function shellPromptLength(line: string, rootPrompts: boolean, isKnown: (word: string, rest?: string) => boolean): number {
  const indent = line.length - line.trimStart().length;
  const rest = line.slice(indent);
  const c = rest.charCodeAt(0);
  if (c === 0x3e /* > */ || c === 0x24 /* $ */) {
    const length = promptBeforeCommand(rest, KNOWN_COMMAND_PROMPTS, isKnown);
    if (length > 0) return indent + length;
  }
  if (!SHELL_PROMPT_END.test(line)) return 0;
  for (const re of SHELL_PROMPTS) {
    const m = re.exec(rest);
    if (m) return indent + m[0].length;
  }
  if (!rootPrompts) return 0;
  const length = promptBeforeCommand(rest, CONDITIONAL_PROMPTS, isKnown);
  return length > 0 ? indent + length : 0;
}

/** Length of the first of `patterns` that starts `text` and is followed by a command `isKnown` accepts, or 0. */
function promptBeforeCommand(text: string, patterns: readonly RegExp[], isKnown: (word: string, rest?: string) => boolean): number {
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const after = text.slice(m[0].length);
    const word = /^\S+/.exec(after)?.[0];
    if (word && isKnown(word, after.slice(word.length))) return m[0].length;
  }
  return 0;
}

interface ReplPattern {
  re: RegExp;
  client: string;
  continuation: boolean;
}

const REPL_PATTERNS: readonly ReplPattern[] = [
  // psql: `dbname=# ` / `dbname=> `; continuations `dbname-# `, `dbname(# `, `dbname'# `, `dbname"# `, `dbname*# `
  { re: /^[A-Za-z_][\w.-]{0,62}=[#>](?: |$)/, client: 'psql', continuation: false },
  { re: /^[A-Za-z_][\w.-]{0,62}[-('"*^$][#>](?: |$)/, client: 'psql', continuation: true },
  { re: /^(?:mysql|MySQL(?: [^>\n]{1,64})?|MariaDB \[[^\]\n]{0,64}\])> ?/, client: 'mysql', continuation: false },
  { re: /^ {0,12}(?:->|'>|">|`>|\/\*>) ?/, client: 'mysql', continuation: true },
  { re: /^(?:redis(?:-cli)?|(?:\d{1,3}\.){3}\d{1,3}|localhost|\[[0-9a-fA-F:]{2,64}\]|[\w.-]{1,64}):\d{1,5}(?:\[\d{1,2}\])?> ?/, client: 'redis-cli', continuation: false },
  { re: /^redis> ?/, client: 'redis-cli', continuation: false },
  { re: /^sqlite> ?/, client: 'sqlite3', continuation: false },
  { re: /^ {0,8}\.\.\.> ?/, client: 'sqlite3', continuation: true },
  { re: /^cqlsh(?::[\w.-]{1,64})?> ?/, client: 'cqlsh', continuation: false },
  { re: /^[\w-]{1,64}:(?:PRIMARY|SECONDARY|ARBITER)> ?/, client: 'mongosh', continuation: false },
  { re: /^[\w-]{1,64} \[(?:direct|primary|secondary)[^\]\n]{0,64}\] [\w-]{1,64}> ?/, client: 'mongosh', continuation: false },
  { re: /^>>> ?/, client: 'python', continuation: false },
  // PowerShell: `PS C:\> `, `PS /home/me> ` — its commands are not bash.
  { re: /^PS [A-Za-z]:[^>\n]{0,256}> ?|^PS \/[^>\n]{0,256}> ?/, client: 'powershell', continuation: false },
  { re: /^\.\.\. /, client: 'python', continuation: true },
];

/** The characters REPL prompts end in. */
const REPL_PROMPT_CHAR = /[#>]/;

/** A REPL prompt at the start of `line`, or null. Continuation prompts only count while `inStatementOf` is their client. */
export function replPrompt(line: string, inStatementOf: string | null): ReplPrompt | null {
  // Every REPL prompt has a `#` or `>`, except Python's `... ` continuation; none starts with `#`
  // (a shell comment, the commonest line that has one).
  if (inStatementOf !== 'python' && (line.charCodeAt(0) === 0x23 || !REPL_PROMPT_CHAR.test(line))) return null;
  for (const p of REPL_PATTERNS) {
    if (p.continuation && p.client !== inStatementOf) continue;
    const m = p.re.exec(line);
    if (m) return { length: m[0].length, client: p.client, continuation: p.continuation };
  }
  return null;
}

/** `> ` (PS2): the shell's continuation prompt while a command is incomplete. */
export function continuationPromptLength(line: string): number {
  if (line === '>') return 1;
  return line.startsWith('> ') ? 2 : 0;
}
