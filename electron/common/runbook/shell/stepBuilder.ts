/**
 * Collects a block's lines into steps: leading comment lines become the title,
 * commands and sample output accumulate, and a blank line or a new title closes
 * the step. A title-only group followed by a blank line waits: if commands come
 * next it is their title, if another title comes it stays a step of its own (a
 * manual instruction such as "# Edit docker-compose.yml and redeploy").
 */
import type { SessionRef, ShellCommand, SnippetKind, SplitStep } from './index';

interface Draft {
  first: number;
  last: number;
  titleLines: string[];
  commands: ShellCommand[];
  output: string[];
  /** A blank line followed the title lines. */
  titleClosed: boolean;
  snippet?: SnippetKind;
  inside?: SessionRef;
}

export class StepBuilder {
  readonly steps: SplitStep[] = [];
  private draft: Draft | null = null;
  /** The session commands are typed into now; a step takes the one its first command ran in. */
  inside: SessionRef | undefined;
  /** The next command starts a step of its own (it is typed into a session the last one opened). */
  private breakPending = false;

  /** The next command is a new step; output before it still belongs to the current one. */
  breakBeforeNextCommand(): void {
    this.breakPending = true;
  }

  constructor(
    private readonly lines: readonly string[],
    private readonly startLine: number,
  ) {}

  get hasOutput(): boolean {
    return (this.draft?.output.length ?? 0) > 0;
  }

  get hasCommands(): boolean {
    return (this.draft?.commands.length ?? 0) > 0;
  }

  get isEmpty(): boolean {
    return this.draft === null;
  }

  /** The step's sample output so far ends with a blank line (a transcript's paragraph break). */
  get outputEndsBlank(): boolean {
    const output = this.draft?.output;
    return output !== undefined && output.length > 0 && (output[output.length - 1] as string).trim() === '';
  }

  /** The client of the step's latest command (`redis-cli` after `127.0.0.1:6379> INFO`), if any. */
  get lastClient(): string | undefined {
    const commands = this.draft?.commands;
    return commands && commands.length > 0 ? commands[commands.length - 1]?.client : undefined;
  }

  title(index: number, text: string | null): void {
    const d = this.draft;
    if (d && (d.commands.length > 0 || d.output.length > 0 || d.titleClosed)) this.flush();
    const draft = this.ensure(index);
    if (text) draft.titleLines.push(text);
    draft.last = index;
  }

  /** A line that belongs to the step's code but is neither title nor command (chat-ops). */
  other(index: number): void {
    const d = this.draft;
    if (d && d.output.length > 0) this.flush();
    this.ensure(index).last = index;
  }

  /**
   * Adds a command. In a script, output before it ends the step; in a transcript
   * (`keepOutput`) the prompted lines of one paragraph are one step and the output
   * between them is that step's sample output.
   */
  command(command: ShellCommand, first: number, last: number, keepOutput = false): void {
    const d = this.draft;
    if (d && ((d.output.length > 0 && !keepOutput) || (this.breakPending && d.commands.length > 0))) this.flush();
    this.breakPending = false;
    const draft = this.ensure(first);
    if (draft.commands.length === 0 && this.inside) draft.inside = this.inside;
    draft.commands.push(command);
    draft.last = Math.max(draft.last, last);
  }

  output(index: number, line: string): void {
    const draft = this.ensure(index);
    if (line.trim() === '' && draft.output.length === 0) return;
    draft.output.push(line);
    if (line.trim() !== '') draft.last = index;
  }

  /** Lines `first..last` are a snippet to copy (YAML, a query, …): a step of their own, under the title lines before them. */
  snippet(first: number, last: number, kind: SnippetKind): void {
    const d = this.draft;
    if (d && (d.commands.length > 0 || d.output.length > 0)) this.flush();
    const draft = this.ensure(first);
    draft.last = last;
    draft.snippet = kind;
    this.flush();
  }

  /** Output shown in a paragraph of its own: the previous step's sample output, when that step ran commands. */
  outputOfPrevious(first: number, last: number): boolean {
    const prev = this.steps[this.steps.length - 1];
    if (this.draft !== null || !prev || prev.commands.length === 0) return false;
    const text = this.lines.slice(first, last + 1).join('\n');
    prev.expectedOutput = prev.expectedOutput ? `${prev.expectedOutput}\n${text}` : text;
    return true;
  }

  blank(): void {
    const d = this.draft;
    if (!d) return;
    if (d.commands.length > 0 || d.output.length > 0) this.flush();
    else d.titleClosed = true;
  }

  finish(): SplitStep[] {
    this.flush();
    return this.steps;
  }

  private ensure(index: number): Draft {
    if (!this.draft) this.draft = { first: index, last: index, titleLines: [], commands: [], output: [], titleClosed: false };
    return this.draft;
  }

  private flush(): void {
    const d = this.draft;
    this.draft = null;
    if (!d) return;
    while (d.output.length > 0 && (d.output[d.output.length - 1] as string).trim() === '') d.output.pop();
    const step: SplitStep = {
      title: d.titleLines.length > 0 ? joinTitleLines(d.titleLines) : null,
      code: this.lines.slice(d.first, d.last + 1).join('\n'),
      line: this.startLine + d.first,
      commands: d.commands,
    };
    if (d.output.length > 0) step.expectedOutput = d.output.join('\n');
    if (d.snippet) step.snippet = d.snippet;
    if (d.inside) step.inside = d.inside;
    this.steps.push(step);
  }
}

/**
 * One title from several comment lines: a sentence wrapped over lines reads on with a space;
 * a new capitalised sentence after one without a stop gets its full stop
 * ("Increase memory limits if needed. Edit docker-compose.yml and redeploy").
 */
function joinTitleLines(lines: readonly string[]): string {
  let title = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const next = lines[i] as string;
    const newSentence = /^\p{Lu}\p{Ll}/u.test(next) && /[\p{L}\p{N})]$/u.test(title);
    title += newSentence ? `. ${next}` : ` ${next}`;
  }
  return title;
}

/** Lines that only decorate: `# -----`, `#####`, shebangs, editor and linter directives. */
const DECORATIVE = /^[-=*#~_+.\s|/\\]*$/;
const DIRECTIVE = /^(!|shellcheck\b|vim?:|-\*-|noqa\b|eslint\b|@ts-)/;

/** The title text of a comment line, or null when it is decoration. */
export function commentTitle(line: string): string | null {
  let text = line.trim();
  if (text.startsWith('#!')) return null;
  text = text.replace(/^#+/, '').trim();
  if (DECORATIVE.test(text) || DIRECTIVE.test(text)) return null;
  // `# ---- Check pods ----`: keep the words, drop the rule.
  text = text.replace(/^[-=*~_]{3,}\s*/, '').replace(/\s*[-=*~_]{3,}$/, '');
  text = text.replace(/\s*:$/, '').trim();
  return text === '' ? null : text;
}
