/**
 * Code blocks → steps (and templates). Decides per block what it is — runnable shell, shell
 * found in an unlabeled or `text` fence, a copy-only block in another language, SQL whose
 * statements are still judged, sample output for the step before it, or a template — then
 * names each step after its leading comment, the prose that introduces it, or its section.
 */
import type { Command, Diagnostic, Step, Template } from './model';
import type { OutlineBlock } from './outline';
import { findAssignedNames, findPlaceholders, isChatOpsLine, looksLikeShell, splitBlock } from './shell/index';
import type { EnvReferences, OpenSession, ShellCommand } from './shell/index';
import { CommandFacts } from './commandFacts';
import { splitSql } from './sqlSplit';
import { hashText, UniqueIds, UniqueTitles, slugify } from './ids';
import { toTitle } from './siteMarkup';
import { templateKindFor } from './templates';

/** Fence languages the app runs in the incident's shell (the brief's list). */
const RUNNABLE_LANGS = new Set(['bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'terminal', 'cmd', 'command']);
/** Plain fences: real runbooks put shell in them, so their content decides. */
const PLAIN_LANGS = new Set(['text', 'txt', 'plain', 'plaintext', 'none', 'nohighlight', 'no-highlight']);
/** Fences that show what a command printed. */
const OUTPUT_LANGS = new Set(['output', 'out', 'stdout', 'stderr', 'result', 'results', 'sample-output', 'expected-output']);
/** SQL dialects: statements are commands for a database client (`client: 'sql'`). */
const SQL_LANGS = new Set(['sql', 'psql', 'pgsql', 'postgresql', 'postgres', 'plpgsql', 'mysql', 'mariadb', 'tsql', 'sqlite', 'plsql']);
/** Fences holding Markdown or prose: candidates for report/communication templates. */
const PROSE_LANGS = new Set(['markdown', 'md', 'gfm', 'mdx', 'email', 'slack', 'template', 'message']);

export interface StepContext {
  blocks: readonly OutlineBlock[];
  /** Section id per heading index. */
  sectionIds: readonly string[];
  /** Section titles (outermost first, without the document's title heading) per heading index. */
  paths: readonly string[][];
  headings: readonly { text: string }[];
  runbookTitle: string;
  /** Severity ids and status words written literally in templates (`[SEV1]`, `[RESOLVED]`). */
  templateLiterals: ReadonlySet<string>;
}

export interface StepsResult {
  steps: Step[];
  templates: Template[];
  diagnostics: Diagnostic[];
}

/** A step before its id and final title are known. */
interface Draft extends Omit<Step, 'id' | 'title'> {
  title: string | null;
  /** The block the step came from and its section's title: the step's title when it has none of its own. */
  blockIndex: number;
  sectionTitle: string;
}

/**
 * Environment inputs are settled after every block is read: a name the runbook assigns
 * anywhere (even further down) is not an input. Until then each command keeps what it reads.
 */
class EnvLedger {
  /** Names the runbook assigns anywhere (so `$NAME` is not an input). */
  readonly assigned = new Set<string>();
  private readonly pending: { command: Command; reads: readonly string[] }[] = [];

  /** A shell command: note what it assigns, and what it reads to settle later. */
  shellCommand(command: Command, refs: EnvReferences): void {
    for (const name of refs.assigns) this.assigned.add(name);
    if (refs.reads.length > 0) this.pending.push({ command, reads: refs.reads });
  }

  /** Shell-like text that is not split into commands (`text` fences with `NAME=value` lines). */
  block(code: string): void {
    for (const name of findAssignedNames(code)) this.assigned.add(name);
  }

  settle(): void {
    for (const { command, reads } of this.pending) command.envInputs = reads.filter((name) => !this.assigned.has(name));
  }
}

function buildCommand(command: ShellCommand, facts: CommandFacts, env: EnvLedger | null): Command {
  const fact = facts.of(command.text, command.client);
  const result: Command = {
    text: command.text,
    line: command.line,
    // Copies: a repeated command's facts are shared, its model arrays are its own.
    placeholders: fact.placeholders.slice(),
    envInputs: [],
    risk: fact.risk,
    riskReasons: fact.reasons.slice(),
  };
  if (command.client) result.client = command.client;
  if (command.incomplete) result.incomplete = true;
  if (env && fact.env) env.shellCommand(result, fact.env);
  return result;
}

/** The text of the nearest preceding paragraph, list item or `<summary>` in the same section. */
function leadText(blocks: readonly OutlineBlock[], index: number): string | null {
  for (let i = index - 1; i >= 0; i--) {
    const block = blocks[i]!;
    if (block.kind === 'heading') return null;
    if (block.kind === 'paragraph') {
      const title = toTitle(block.text);
      if (title !== '') return title;
    }
    if (block.kind === 'html' && block.summary) return toTitle(block.summary);
  }
  return null;
}

function allChatOps(code: string): boolean {
  const lines = code.split('\n').filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.every((l) => isChatOpsLine(l));
}

export function buildSteps(context: StepContext): StepsResult {
  const { blocks } = context;
  const drafts: Draft[] = [];
  const templates: Template[] = [];
  const diagnostics: Diagnostic[] = [];
  const templateIds = new UniqueIds();
  const env = new EnvLedger();
  const facts = new CommandFacts();
  // The last runnable step, so a following output block can attach to it; a heading clears it.
  let lastRunnable: Draft | null = null;
  let lastBlockWasRunnable = false;
  // Sessions (`oc rsh …`, `ssh host`) opened by a block stay open for the next blocks of the section.
  let sessions: readonly OpenSession[] = [];

  blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      lastRunnable = null;
      lastBlockWasRunnable = false;
      sessions = [];
      return;
    }
    if (block.kind !== 'code') return;
    if (block.unterminated) {
      diagnostics.push({
        level: 'warning',
        message: 'This code fence is never closed, so it runs to the end of the file (or of its list or quote); add the closing fence.',
        line: block.line,
      });
    }
    if (block.code.trim() === '') return;
    const sectionId = block.section === -1 ? null : (context.sectionIds[block.section] ?? null);
    const path = block.section === -1 ? [] : (context.paths[block.section] ?? []);
    const sectionTitle = block.section === -1 ? context.runbookTitle : (context.headings[block.section]?.text ?? context.runbookTitle);
    const lang = block.lang;
    const plain = lang === null || PLAIN_LANGS.has(lang);
    // A plain block is shell when it reads as shell, or when it is a transcript with prompts
    // (`$ `, `db=# `, `127.0.0.1:6379> `): REPL lines become commands of that client.
    let presplit: ReturnType<typeof splitBlock> | null = null;
    let shellish = plain && looksLikeShell(block.code);
    if (plain && !shellish) {
      const split = splitBlock(block.code, { lang, startLine: block.contentLine });
      if (split.usesPrompts && split.steps.some((s) => s.commands.length > 0)) {
        presplit = split;
        shellish = true;
      }
    }

    // A `text` fence that is not read as shell may still set names (`NAME=value` lines of an env file).
    if (!shellish && (lang === 'text' || lang === 'txt')) env.block(block.code);

    // Templates: prose blocks under a heading about communication or an incident report.
    if (!RUNNABLE_LANGS.has(lang ?? '') && !shellish && (plain || PROSE_LANGS.has(lang!))) {
      const kind = templateKindFor(path, block.code, lang);
      if (kind !== null) {
        const title = sectionTitle;
        templates.push({
          id: templateIds.take(slugify(title) || 'template'),
          title,
          kind,
          body: block.code,
          placeholders: findPlaceholders(block.code, 'template', { literalWords: context.templateLiterals }),
          line: block.contentLine,
        });
        lastBlockWasRunnable = false;
        return;
      }
    }


    if (lang !== null && OUTPUT_LANGS.has(lang)) {
      if (lastRunnable) {
        attachOutput(lastRunnable, block.code);
        return;
      }
    } else if (plain && !shellish && lastBlockWasRunnable && lastRunnable && !allChatOps(block.code)) {
      // A plain block right after a runnable one that holds no commands is what it printed.
      attachOutput(lastRunnable, block.code);
      lastBlockWasRunnable = false;
      return;
    }

    if ((lang !== null && RUNNABLE_LANGS.has(lang)) || shellish) {
      if (shellish) {
        const first = block.code.split('\n').find((l) => l.trim() !== '')!.trim();
        diagnostics.push({
          level: 'info',
          message: `${lang === null ? 'An unlabeled' : `A \`${lang}\``} code block is read as ${presplit ? 'a transcript' : 'shell'} because it ${
            presplit || /^\S*[$#>] /.test(first) ? 'uses prompts' : `starts with \`${first.split(/\s+/)[0]}\``
          }; label the fence (\`console\`, \`bash\`) to say so.`,
          line: block.line,
        });
      }
      const split = presplit && sessions.length === 0 ? presplit : splitBlock(block.code, { lang, startLine: block.contentLine, sessions });
      sessions = split.sessions;
      diagnostics.push(...split.diagnostics);
      // A block of nothing but program output right after a runnable one is what that printed.
      const onlySnippet = split.steps.length > 0 && split.steps.every((s) => s.snippet !== undefined);
      if (onlySnippet && split.steps.every((s) => s.snippet === 'output') && lastBlockWasRunnable && lastRunnable) {
        attachOutput(lastRunnable, block.code);
        lastBlockWasRunnable = false;
        return;
      }
      for (const s of split.steps) {
        const commands = s.commands.map((c) => buildCommand(c, facts, env));
        const draft: Draft = {
          sectionId,
          title: s.title === null ? null : toTitle(s.title) || null,
          blockIndex: index,
          sectionTitle,
          // A snippet is what its content is (`yaml`, `promql`, …), whatever the fence said.
          lang: s.snippet ?? lang,
          runnable: s.snippet === undefined && commands.some((c) => !c.client),
          code: s.code,
          line: s.line,
          commands,
        };
        if (s.expectedOutput !== undefined && s.expectedOutput !== '') draft.expectedOutput = s.expectedOutput;
        if (s.inside) draft.inside = s.inside;
        drafts.push(draft);
        if (draft.runnable) lastRunnable = draft;
      }
      if (onlySnippet) diagnostics.push(snippetNote(lang, split.steps[0]!.snippet!, block.line));
      lastBlockWasRunnable = split.steps.some((s) => s.commands.length > 0);
      return;
    }

    lastBlockWasRunnable = false;
    if (lang !== null && SQL_LANGS.has(lang)) {
      for (const s of splitSql(block.code, block.contentLine)) {
        drafts.push({
          sectionId,
          title: s.title === null ? null : toTitle(s.title) || null,
          blockIndex: index,
          sectionTitle,
          lang,
          runnable: false,
          code: s.code,
          line: s.line,
          commands: s.statements.map((st) => buildCommand({ text: st.text, line: st.line, client: 'sql' }, facts, null)),
        });
      }
      return;
    }
    drafts.push({
      sectionId,
      title: null,
      blockIndex: index,
      sectionTitle,
      lang,
      runnable: false,
      code: block.code,
      line: block.contentLine,
      commands: [],
    });
  });

  env.settle();
  diagnostics.push(...incompleteWarnings(drafts, diagnostics));
  return { steps: finishSteps(drafts, blocks), templates, diagnostics };
}

/** Why a `console`/`bash` block got no Run button. */
function snippetNote(lang: string | null, kind: string, line: number): Diagnostic {
  const what: Record<string, string> = { yaml: 'YAML', json: 'JSON', promql: 'a PromQL query', logql: 'a LogQL query', output: 'program output', text: 'text that is not a command', sql: 'SQL' };
  return {
    level: 'info',
    message: `${lang === null ? 'An unlabeled' : `A \`${lang}\``} code block holds ${what[kind] ?? kind}, not shell commands: it can be copied, not run; label the fence \`${kind === 'output' || kind === 'text' ? 'text' : kind}\` to say so.`,
    line,
  };
}

function attachOutput(step: Draft, output: string): void {
  step.expectedOutput = step.expectedOutput ? `${step.expectedOutput}\n${output}` : output;
}

/** A warning for each incomplete command, unless the shell side already named that line. */
function incompleteWarnings(drafts: readonly Draft[], existing: readonly Diagnostic[]): Diagnostic[] {
  const warned = new Set(existing.filter((d) => d.level !== 'info').map((d) => d.line));
  const out: Diagnostic[] = [];
  for (const draft of drafts) {
    for (const command of draft.commands) {
      if (!command.incomplete || warned.has(command.line)) continue;
      warned.add(command.line);
      out.push({
        level: 'warning',
        message: `This command is elided or cut off (\`${firstLine(command.text)}\`), so it cannot run as written; complete it in the runbook.`,
        line: command.line,
      });
    }
  }
  return out;
}

/** Longest command excerpt quoted in a diagnostic. */
const EXCERPT_LENGTH = 60;

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH)}…` : line;
}

/** Titles unique in order of appearance; ids from section + code so unrelated edits keep them. */
function finishSteps(drafts: readonly Draft[], blocks: readonly OutlineBlock[]): Step[] {
  const titles = new UniqueTitles();
  const ids = new UniqueIds();
  // The prose before a block is read only for steps without a comment title, once per block
  // (a block's steps are consecutive).
  let leadBlock = -1;
  let leadTitle = '';
  const fallbackTitle = (draft: Draft): string => {
    if (draft.blockIndex !== leadBlock) {
      leadBlock = draft.blockIndex;
      leadTitle = leadText(blocks, draft.blockIndex) ?? draft.sectionTitle;
    }
    return leadTitle;
  };
  return drafts.map((draft) => {
    const step: Step = {
      id: ids.take(`${draft.sectionId ?? 'top'}/${hashText(draft.code)}`),
      sectionId: draft.sectionId,
      title: titles.take(draft.title ?? (fallbackTitle(draft) || 'Step')),
      lang: draft.lang,
      runnable: draft.runnable,
      code: draft.code,
      line: draft.line,
      commands: draft.commands,
    };
    if (draft.expectedOutput !== undefined) step.expectedOutput = draft.expectedOutput;
    if (draft.inside) step.inside = draft.inside;
    return step;
  });
}
