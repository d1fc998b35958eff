/**
 * Splits one code block into steps, and each step into complete commands, the way
 * a shell would read them: the lexer decides where a command ends, so a blank line
 * inside a quoted SQL string or a heredoc stays in its command, and `|`, `&&`, `\`
 * at a line end carry the command on. Transcripts (prompts plus sample output),
 * REPL prompts, `sql` blocks and lines typed into a client opened by a bare
 * `psql`/`redis-cli` are handled here too.
 */
import type { BlockSplit, OpenSession, ShellCommand, ShellDiagnostic, SplitOptions, SplitStep } from './index';
import { ShellLexer } from './lexer';
import { rememberLex } from './sharedLex';
import { continuationPromptLength, replPrompt, shellPromptLength } from './prompts';
import { interactiveClient, isKnownProgram, isRedisCommand, sessionOpenedBy } from './risk';
import { sniffLine, snippetRunEnd, type SnippetKind } from './sniff';
import { SqlStatement } from './sqlStatement';
import { commentTitle, StepBuilder } from './stepBuilder';
import { countNewlines, dropBlanksAfterContinuation, ELISION_WORDS, isElided, stripComments, trimBlankEdges } from './commandText';
import { isChatOpsLine, normalizeLineEnds } from './looksLikeShell';

/** Fence languages whose content is shell. */
const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'zsh', 'ksh', 'console', 'shell-session', 'shellsession', 'sh-session', 'bash-session', 'terminal', 'cmd', 'command', 'commands', 'session']);

/** Fence languages that are transcripts: `#` at a line start may be a root prompt there. */
const TRANSCRIPT_LANGS = new Set(['console', 'shell-session', 'shellsession', 'sh-session', 'bash-session', 'terminal', 'session']);

/** Fence languages with no language: the caller asked because the block may hold shell. */
const PLAIN_LANGS = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'none', 'nohighlight', 'code']);

/** SQL fence languages and the client their statements are sent to. */
const SQL_LANGS: Record<string, string> = {
  sql: 'sql', psql: 'psql', pgsql: 'psql', postgres: 'psql', postgresql: 'psql', plpgsql: 'psql', mysql: 'mysql', mariadb: 'mysql',
  plsql: 'sql', tsql: 'sql', sqlite: 'sqlite3', sqlite3: 'sqlite3', cql: 'cqlsh',
};

/** Fence languages for Redis commands, one per line. */
const REDIS_LANGS = new Set(['redis', 'redis-cli']);

/** SQL statement starts, for lines typed into a client opened earlier in the block. */
const SQL_KEYWORDS = new Set([
  'SELECT', 'WITH', 'SHOW', 'EXPLAIN', 'UPDATE', 'INSERT', 'DELETE', 'ALTER', 'DROP', 'TRUNCATE', 'CREATE', 'GRANT', 'REVOKE', 'VACUUM',
  'ANALYZE', 'REINDEX', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SET', 'RESET', 'COPY', 'TABLE', 'VALUES', 'CALL', 'DO', 'LOCK', 'KILL', 'FLUSH',
  'USE', 'DESCRIBE', 'DESC', 'CHECKPOINT', 'REFRESH', 'CLUSTER', 'LISTEN', 'NOTIFY', 'PREPARE', 'EXECUTE', 'DEALLOCATE', 'DISCARD',
  'COMMENT', 'MERGE', 'REPLACE', 'OPTIMIZE', 'PURGE', 'START', 'STOP', 'CHANGE', 'STATUS', 'PRAGMA', 'ATTACH', 'DETACH', 'UPSERT',
]);

/** Cheap pre-check before asking whether a command opens a client session. */
const CLIENT_NAMES = /psql|mysql|mariadb|redis-cli|valkey-cli|keydb-cli|sqlite|mongo|cqlsh|clickhouse/;

const SESSION_END = /^(\\q|\\quit|exit|quit|exit\(\)|quit\(\))\s*;?$/i;

export function splitBlock(code: string, opts: SplitOptions): BlockSplit {
  const text = normalizeLineEnds(code);
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const lang = (opts.lang ?? '').toLowerCase();
  const splitter = new Splitter(lines, opts.startLine, lang, opts.sessions ?? []);
  try {
    return splitter.run();
  } catch (error) {
    // The splitter is written not to throw; if it ever does, keep the block copyable.
    return {
      steps: [{ title: null, code: lines.join('\n'), line: opts.startLine, commands: [] }],
      diagnostics: [{ level: 'error', message: `Line ${opts.startLine}: this code block could not be split into commands (${String(error)}); it can still be copied.`, line: opts.startLine }],
      usesPrompts: false,
      sessions: [...(opts.sessions ?? [])],
    };
  }
}

type Mode = 'shell' | 'transcript' | 'sql' | 'redis' | 'other';

class Splitter {
  private readonly steps: StepBuilder;
  private readonly diagnostics: ShellDiagnostic[] = [];
  private readonly rootPrompts: boolean;
  private readonly shellLang: boolean;

  /** Sessions open now (`oc rsh …`, `oc debug node/x`, `ssh host`), outermost first. */
  private readonly sessions: OpenSession[];

  constructor(
    private readonly lines: string[],
    private readonly startLine: number,
    private readonly lang: string,
    sessions: readonly OpenSession[],
  ) {
    this.steps = new StepBuilder(lines, startLine);
    this.sessions = [...sessions];
    this.steps.inside = this.insideRef();
    this.shellLang = SHELL_LANGS.has(lang) && !TRANSCRIPT_LANGS.has(lang);
    // In a `bash` block `# foo` is a comment; in a transcript or a plain block it may be a root prompt.
    this.rootPrompts = !this.shellLang;
  }

  run(): BlockSplit {
    const mode = this.mode();
    switch (mode) {
      case 'transcript':
        this.transcript();
        break;
      case 'sql':
        this.clientBlock(SQL_LANGS[this.lang] ?? 'sql');
        break;
      case 'redis':
        this.clientBlock('redis-cli');
        break;
      case 'other':
        return {
          steps: this.lines.some((l) => l.trim() !== '') ? [{ title: null, code: this.lines.join('\n'), line: this.startLine, commands: [] }] : [],
          diagnostics: [],
          usesPrompts: false,
          sessions: this.sessions,
        };
      default:
        this.shell();
    }
    return { steps: wholeSnippet(this.steps.finish(), this.lines, this.startLine), diagnostics: this.diagnostics, usesPrompts: mode === 'transcript', sessions: this.sessions };
  }

  // ── sessions: the commands after `oc rsh …` run inside it until the runbook leaves it

  private insideRef(): { command: string; line: number } | undefined {
    const outer = this.sessions[0];
    return outer ? { command: outer.command, line: outer.line } : undefined;
  }

  /** After `command` ran: did it open a session, leave one, or show the runbook is back on the laptop? */
  private followSession(command: ShellCommand, index: number): void {
    if (command.incomplete) return;
    const text = command.text.trim();
    const before = this.sessions.length;
    if (/^(?:exit|logout)(?:\s+\d+)?$/.test(text)) {
      if (!command.client) this.sessions.pop();
    } else if (!command.client) {
      const opened = sessionOpenedBy(text);
      if (opened && 'shell' in opened) {
        const first = /^\S+/.exec(text)?.[0] ?? '';
        this.sessions.push({ command: text, line: command.line, cluster: /^(?:oc|kubectl|k|podman|docker|nerdctl|crictl)$/.test(first.split('/').pop() ?? '') });
      }
    }
    if (this.sessions.length !== before) {
      // The next command is typed elsewhere: it is a step of its own.
      this.steps.breakBeforeNextCommand();
      this.steps.inside = this.insideRef();
    }
    void index;
  }

  /** A cluster command (`oc get …`) after a pod or node shell: the runbook is back on the laptop. */
  private leaveClusterSessions(commandLine: string): void {
    if (this.sessions.length === 0) return;
    const first = /^\s*(?:sudo\s+)?(\S+)/.exec(commandLine)?.[1] ?? '';
    if (!/^(?:oc|kubectl|ocm|helm|kubectx|kubens)$/.test(first)) return;
    if (!this.sessions.some((s) => s.cluster)) return;
    this.sessions.length = 0;
    this.steps.breakBeforeNextCommand();
    this.steps.inside = undefined;
  }

  // ── lines that are not shell: YAML, JSON, queries, program output

  /**
   * Line `index` would start a command but sniffs as something else: a run of YAML, JSON,
   * PromQL/LogQL becomes a copyable snippet; output goes to the step that printed it;
   * SQL is sent to a client, never the shell. Returns the next line, or -1 when the line is shell.
   */
  private notShell(index: number, sniffAt = index): number {
    const lines = this.lines;
    const sniffed = lines[sniffAt];
    if (sniffed === undefined) return -1;
    const kind = sniffLine(sniffed, isKnownProgram, lines[sniffAt + 1]);
    if (kind === null) return -1;
    if (kind === 'sql') return this.clientStatement(index, 'sql', null);
    const end = snippetRunEnd(lines, index, kind, isKnownProgram);
    const last = lastNonBlank(lines, index, end);
    // Right under the command that printed it (`oc get … -o yaml`, `ceph status`): its sample output,
    // unless that command opens an editor the snippet is meant for (`oc edit …`).
    const afterCommand = this.steps.hasCommands && !this.afterEditor();
    if (kind === 'output' || ((kind === 'yaml' || kind === 'json' || kind === 'text') && afterCommand)) {
      if (this.steps.hasCommands || this.steps.hasOutput) {
        for (let j = index; j <= last; j++) this.steps.output(j, lines[j] as string);
        return end;
      }
      if (kind === 'output' && this.steps.outputOfPrevious(index, last)) return end;
    }
    this.steps.snippet(index, last, kind === 'output' ? 'output' : kind);
    return end;
  }

  private afterEditor(): boolean {
    const text = this.lastAdded?.text ?? '';
    return /(?:^|\s)(?:edit|vi|vim|nano|emacs|sudoedit)(?:\s|$)|\bcat\s+>/.test(text);
  }

  private mode(): Mode {
    if (SQL_LANGS[this.lang]) return 'sql';
    if (REDIS_LANGS.has(this.lang)) return 'redis';
    if (!SHELL_LANGS.has(this.lang) && !PLAIN_LANGS.has(this.lang)) return 'other';
    return this.usesPrompts() ? 'transcript' : 'shell';
  }

  private usesPrompts(): boolean {
    for (const line of this.lines) {
      const t = line.trimStart();
      if (t === '' || t === '$') continue;
      if (shellPromptLength(line, this.rootPrompts, isKnownProgram) > 0) return true;
      if (replPrompt(t, null)) return true;
    }
    return false;
  }

  private lineOf(index: number): number {
    return this.startLine + index;
  }

  // ── plain shell blocks

  private shell(): void {
    const lines = this.lines;
    let session: string | null = null;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i] as string;
      const trimmed = line.trim();
      if (trimmed === '') {
        this.steps.blank();
        i++;
        continue;
      }
      // `// CPU per node` over a query: a comment of another language, never a command.
      if (trimmed.startsWith('#') || /^\/\/(?:\s|$)/.test(trimmed)) {
        this.steps.title(i, commentTitle(trimmed.replace(/^\/\/+/, '#')));
        i++;
        continue;
      }
      if (isChatOpsLine(trimmed)) {
        this.chatOps(i, trimmed);
        i++;
        continue;
      }
      if (ELISION_WORDS.has(trimmed)) {
        // `...` right before YAML, output or text lines marks lines left out of them, not commands.
        const next = this.notShell(i, i + 1);
        if (next >= 0) {
          i = next;
          continue;
        }
        this.elided(i, trimmed);
        i++;
        continue;
      }
      if (session !== null) {
        if (SESSION_END.test(trimmed)) {
          this.steps.command({ text: trimmed, line: this.lineOf(i), client: session }, i, i);
          session = null;
          i++;
          continue;
        }
        if (isClientInput(session, trimmed)) {
          i = this.clientStatement(i, session, null);
          continue;
        }
        session = null;
      }
      const next = this.notShell(i);
      if (next >= 0) {
        i = next;
        continue;
      }
      this.leaveClusterSessions(line);
      const previous = this.lastAdded;
      i = this.shellCommand(i, null);
      const command = this.lastAdded === previous ? undefined : this.lastAdded;
      if (command) this.followSession(command, i);
      session = command && !command.incomplete && CLIENT_NAMES.test(command.text) ? interactiveClient(command.text) : null;
    }
  }

  /** The command most recently added to a step. */
  private lastAdded: ShellCommand | undefined;

  /**
   * Reads one complete shell command starting at line `start`; `lineText` gives
   * the text of a line (a transcript strips its prompts), null for the lines as they are.
   * Returns the next line.
   */
  private shellCommand(start: number, lineText: ((index: number) => string | null) | null): number {
    const lexer = new ShellLexer(true);
    const fed: string[] = [];
    let i = start;
    while (i < this.lines.length) {
      const raw = lineText === null ? (this.lines[i] as string) : i === start ? (lineText(i) ?? '') : lineText(i);
      if (raw === null) break;
      const text = dropBlanksAfterContinuation(raw);
      lexer.feedLine(text);
      fed.push(text);
      i++;
      if (lexer.complete) break;
    }
    const open = lexer.openConstruct();
    const last = start + fed.length - 1;
    const commandText = stripComments(fed, lexer.tokens);
    if (commandText.trim() === '') {
      // Only comments after all (e.g. `$ # note`): a title, not a command.
      this.steps.title(start, commentTitle(fed.join(' ')));
      return i;
    }
    // The rules that judge this command read the same lexing when the text is exactly what was fed.
    // (The lexer's text is the fed lines each with its `\n`, so a prefix test of that length compares without a copy.)
    const lexed = lexer.text;
    if (commandText.length === lexed.length - 1 && lexed.startsWith(commandText)) rememberLex(commandText, lexer);
    const command: ShellCommand = { text: commandText, line: this.lineOf(start) };
    if (open) {
      const at = this.lineOf(start + countNewlines(lexer.text, open.at));
      command.incomplete = true;
      const why =
        open.kind === 'open'
          ? `${open.what} opened on line ${at} is never closed`
          : open.kind === 'heredoc'
            ? open.what
            : `it ends with ${open.what}, so the shell would wait for more`;
      this.diagnostics.push({ level: 'warning', message: `Line ${command.line}: this command is cut off (${why}); it cannot run as written.`, line: command.line });
    } else if (isElided(fed, lexed, lexer.tokens)) {
      command.incomplete = true;
      this.diagnostics.push({
        level: 'warning',
        message: `Line ${command.line}: this command is elided (it contains \`...\` or <snip>); fill in the missing part before running it.`,
        line: command.line,
      });
    }
    this.addCommand(command, start, last);
    return i;
  }

  private addCommand(command: ShellCommand, first: number, last: number): void {
    this.steps.command(command, first, last, this.inTranscript);
    this.lastAdded = command;
  }

  /** Set while reading a transcript: output between prompts stays in the step. */
  private inTranscript = false;

  private chatOps(index: number, trimmed: string): void {
    this.steps.other(index);
    const word = trimmed.split(/\s+/)[0] ?? trimmed;
    this.diagnostics.push({
      level: 'info',
      message: `Line ${this.lineOf(index)}: \`${word}\` is a chat-ops command for the incident channel, not shell; War Room does not run it.`,
      line: this.lineOf(index),
    });
  }

  private elided(index: number, trimmed: string): void {
    const command: ShellCommand = { text: trimmed, line: this.lineOf(index), incomplete: true };
    this.addCommand(command, index, index);
    this.diagnostics.push({
      level: 'warning',
      message: `Line ${command.line}: \`${trimmed}\` marks commands left out of the runbook; this step is incomplete.`,
      line: command.line,
    });
  }

  /**
   * One statement typed into `client`, from line `start`. `promptOf` strips a REPL
   * prompt and says whether a line continues the statement (transcripts); null for
   * bare lines. Returns the next line.
   */
  private clientStatement(start: number, client: string, promptOf: ((index: number) => string | null) | null): number {
    const sqlLike = client !== 'redis-cli' && client !== 'python' && client !== 'mongosh' && client !== 'powershell';
    const statement = new SqlStatement();
    const parts: string[] = [];
    let i = start;
    while (i < this.lines.length) {
      const raw = this.lines[i] as string;
      let text: string;
      if (i === start || promptOf === null) text = i === start && promptOf ? (promptOf(i) ?? raw) : raw;
      else {
        const cont = promptOf(i);
        if (cont === null) break;
        text = cont;
      }
      if (i > start && promptOf === null && (text.trim() === '' || text.trim().startsWith('#'))) break;
      parts.push(text);
      i++;
      if (!sqlLike) break;
      statement.feedLine(text);
      if (statement.complete) break;
    }
    const body = trimBlankEdges(parts).join('\n');
    if (body.trim() !== '') this.addCommand({ text: body.trim(), line: this.lineOf(start), client }, start, i - 1);
    return i;
  }

  // ── sql / redis blocks

  private clientBlock(client: string): void {
    const lines = this.lines;
    let i = 0;
    while (i < lines.length) {
      const trimmed = (lines[i] as string).trim();
      if (trimmed === '') {
        this.steps.blank();
        i++;
      } else if (trimmed.startsWith('--') || (client === 'redis-cli' && trimmed.startsWith('#'))) {
        this.steps.title(i, commentTitle(trimmed.replace(/^-+/, '#')));
        i++;
      } else if (ELISION_WORDS.has(trimmed)) {
        this.elided(i, trimmed);
        i++;
      } else {
        i = this.clientStatement(i, client, null);
      }
    }
  }

  // ── transcripts

  /**
   * A transcript splits like a script — at blank lines and at comment lines after a
   * command — so a paragraph of prompts is one step whose commands are the prompted
   * lines and whose sample output is every other line. A blank line inside output
   * only splits when a prompt (or a comment) comes next.
   */
  private transcript(): void {
    this.inTranscript = true;
    const lines = this.lines;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i] as string;
      const trimmed = line.trim();
      // Inside a session a transcript opened (`$ oc debug node/x`), `# cmd` is that root shell's prompt.
      const prompt = shellPromptLength(line, this.rootPrompts || this.sessions.length > 0, this.sessions.length > 0 ? isCommandInSession : isKnownProgram);
      if (prompt > 0) {
        const rest = line.slice(prompt);
        if (this.steps.outputEndsBlank) this.steps.blank();
        if (rest.trim() === '') {
          i++;
          continue;
        }
        if (isChatOpsLine(rest)) {
          this.chatOps(i, rest.trim());
          i++;
          continue;
        }
        // A prompt before something that is no command (`$ get pods -n x`, its program lost): a snippet.
        if (sniffLine(rest, isKnownProgram) === 'text') {
          this.steps.snippet(i, i, 'text');
          i++;
          continue;
        }
        this.leaveClusterSessions(rest);
        const previous = this.lastAdded;
        const at = i;
        i = this.shellCommand(i, (index) => {
          if (index === at) return rest;
          const l = lines[index] as string;
          const ps2 = continuationPromptLength(l);
          if (ps2 > 0) return l.slice(ps2);
          // A new prompt ends a command the transcript shows cut off.
          if (shellPromptLength(l, this.rootPrompts, isKnownProgram) > 0 || replPrompt(l.trimStart(), null)) return null;
          return l;
        });
        if (this.lastAdded !== previous && this.lastAdded) this.followSession(this.lastAdded, i);
        continue;
      }
      const repl = replPrompt(line.trimStart(), null);
      if (repl && !repl.continuation) {
        if (this.steps.outputEndsBlank) this.steps.blank();
        const indent = line.length - line.trimStart().length;
        const body = line.slice(indent + repl.length);
        if (body.trim() === '') {
          i++;
          continue;
        }
        i = this.clientStatement(i, repl.client, (index) => {
          const l = lines[index] as string;
          if (index === i) return body;
          const p = replPrompt(l.trimStart(), repl.client);
          if (!p || !p.continuation) return null;
          return l.trimStart().slice(p.length);
        });
        continue;
      }
      if (trimmed === '') {
        // A blank line between a command and its output (`$ kubectl describe svc x`, blank, `Name: x`) keeps them together.
        if (this.steps.hasOutput || (this.steps.hasCommands && this.outputFollows(i))) this.steps.output(i, '');
        else this.steps.blank();
        i++;
        continue;
      }
      // A `#` line right after a command is its output (`# Memory` from INFO) unless a prompt
      // follows; after a line typed into a client (`redis-cli`, `psql`) `#` is never a shell
      // comment, so it is output whatever follows.
      const afterClient = this.steps.lastClient !== undefined && !this.steps.outputEndsBlank;
      if (trimmed.startsWith('#') && !afterClient && ((!this.steps.hasCommands && !this.steps.hasOutput) || this.promptFollows(i))) {
        this.steps.title(i, commentTitle(trimmed));
        i++;
        continue;
      }
      if (ELISION_WORDS.has(trimmed) && !this.steps.hasCommands) {
        this.elided(i, trimmed);
        i++;
        continue;
      }
      this.steps.output(i, line);
      i++;
    }
  }

  /** Is the next non-blank line after `index` output: no prompt, no comment? */
  private outputFollows(index: number): boolean {
    let j = index + 1;
    while (j < this.lines.length && (this.lines[j] as string).trim() === '') j++;
    const l = this.lines[j];
    if (l === undefined || l.trim().startsWith('#')) return false;
    return shellPromptLength(l, this.rootPrompts, isKnownProgram) === 0 && replPrompt(l.trimStart(), null) === null;
  }

  /** For each line: does the next non-blank, non-comment line after it start with a prompt? Computed once, backwards. */
  private promptAhead: boolean[] | null = null;

  private promptFollows(index: number): boolean {
    if (!this.promptAhead) {
      const ahead: boolean[] = new Array<boolean>(this.lines.length).fill(false);
      let next = false;
      for (let j = this.lines.length - 1; j >= 0; j--) {
        ahead[j] = next;
        const l = this.lines[j] as string;
        const t = l.trim();
        if (t === '') continue;
        const isPrompt = shellPromptLength(l, this.rootPrompts, isKnownProgram) > 0 || replPrompt(l.trimStart(), null) !== null;
        if (t.startsWith('#') && !isPrompt) continue;
        next = isPrompt;
      }
      this.promptAhead = ahead;
    }
    return this.promptAhead[index] ?? false;
  }
}

/** In a session's transcript: a known program, or a word followed by an option, a pipe or a path. */
function isCommandInSession(word: string, rest?: string): boolean {
  if (isKnownProgram(word)) return true;
  return /^[a-z][\w.-]{0,40}$/.test(word) && rest !== undefined && /(?:^|\s)(?:-{1,2}[A-Za-z]|\||\/)/.test(rest);
}

function lastNonBlank(lines: readonly string[], from: number, end: number): number {
  let last = end - 1;
  while (last > from && (lines[last] as string).trim() === '') last--;
  return last;
}

/**
 * A block that holds nothing but one kind of snippet (a manifest, a query with its bracket
 * lines) is one copyable step, not a step per paragraph.
 */
function wholeSnippet(steps: SplitStep[], lines: readonly string[], startLine: number): SplitStep[] {
  if (steps.length < 2) return steps;
  let kind: SnippetKind | undefined;
  for (const s of steps) {
    if (!s.snippet || s.commands.length > 0 || s.expectedOutput !== undefined) return steps;
    if (s.snippet !== 'text') {
      if (kind !== undefined && kind !== s.snippet) return steps;
      kind = s.snippet;
    }
  }
  const first = steps[0] as SplitStep;
  const last = steps[steps.length - 1] as SplitStep;
  const from = first.line - startLine;
  const to = last.line - startLine + last.code.split('\n').length;
  const merged: SplitStep = { title: first.title, code: lines.slice(from, to).join('\n'), line: first.line, commands: [], snippet: kind ?? 'text' };
  return [merged];
}

/** Lines typed into `client` after a bare `psql`/`redis-cli`/`mongosh` earlier in the block. */
function isClientInput(client: string, trimmed: string): boolean {
  const first = /^[^\s(;]+/.exec(trimmed)?.[0] ?? '';
  const upper = first.toUpperCase();
  switch (client) {
    case 'redis-cli':
      if (!isRedisCommand(first)) return false;
      return first === upper || !isKnownProgram(first);
    case 'mongosh':
      return /^(db|rs|sh)\.|^(show|use)\s/.test(trimmed);
    default: {
      if (trimmed.startsWith('\\')) return true;
      if (client === 'sqlite3' && trimmed.startsWith('.')) return true;
      if (!SQL_KEYWORDS.has(upper)) return false;
      return first === upper || trimmed.endsWith(';') || !isKnownProgram(first);
    }
  }
}
