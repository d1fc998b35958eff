/**
 * The Markdown parser the runbook engine uses: markdown-it (CommonMark + GFM tables, with
 * line maps on every block token), plus block rules for the site markup real runbooks carry
 * so that it is parsed as structure instead of leaking into text or code:
 * - MkDocs / Python-Markdown admonitions (`!!! tip "Title"` with a 4-space indented body,
 *   `??? note` collapsibles): the body is parsed as Markdown, the marker dropped;
 * - `:::note` … `:::` containers (Docusaurus, VuePress, markdown-it-container);
 * - Jekyll `{% highlight bash %}` … `{% endhighlight %}`, which is a code block.
 */
import MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';

const ADMONITION = /^(?:!!!|\?\?\?\+?)[ \t]*([\w-]+)?(?:[ \t]+"([^"]*)")?[ \t]*$/;
const CONTAINER_OPEN = /^(:{3,})[ \t]*([\w-]*)(.*)$/;
const HIGHLIGHT_OPEN = /^\{%-?\s*highlight\s+([\w+#.-]+)[^%]*-?%\}\s*$/;
const HIGHLIGHT_CLOSE = /^\{%-?\s*endhighlight\s*-?%\}\s*$/;

/** The first character of a line's content (after its indent), as a char code; NaN on an empty line. */
function firstChar(state: StateBlock, line: number): number {
  return state.src.charCodeAt(state.bMarks[line]! + state.tShift[line]!);
}

/** `!`, `?`, `:` and `{`: the only characters the rules below start with. Every other line skips their patterns. */
const BANG = 0x21;
const QUESTION = 0x3f;
const COLON = 0x3a;
const BRACE = 0x7b;

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
}

/** A rule's first line matched against its pattern: only a line starting with one of `starts`, never indented code. */
function opening(state: StateBlock, line: number, starts: readonly number[], pattern: RegExp): RegExpExecArray | null {
  if (!starts.includes(firstChar(state, line))) return null;
  if (state.sCount[line]! - state.blkIndent >= 4) return null;
  return pattern.exec(lineText(state, line));
}

/** The first line after `startLine` that `closes`, or -1 (none before `endLine`, or a line `outside` the block came first). */
function closingLine(state: StateBlock, startLine: number, endLine: number, closes: (line: number) => boolean | 'outside'): number {
  for (let next = startLine + 1; next < endLine; next++) {
    const verdict = closes(next);
    if (verdict === 'outside') return -1;
    if (verdict) return next;
  }
  return -1;
}

/** Parses lines [start, end) as nested blocks at indent `indent`, like a list item's body. */
function tokenizeNested(state: StateBlock, start: number, end: number, indent: number, parent: string): void {
  const oldIndent = state.blkIndent;
  const oldParent = state.parentType;
  const oldLineMax = state.lineMax;
  state.blkIndent = indent;
  state.parentType = parent as StateBlock['parentType'];
  state.lineMax = end;
  state.md.block.tokenize(state, start, end);
  state.blkIndent = oldIndent;
  state.parentType = oldParent;
  state.lineMax = oldLineMax;
}

function admonition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const match = opening(state, startLine, [BANG, QUESTION], ADMONITION);
  if (!match) return false;
  if (silent) return true;
  const indent = state.sCount[startLine]! + 4;
  let last = startLine;
  for (let next = startLine + 1; next < endLine; next++) {
    if (state.isEmpty(next)) continue;
    if (state.sCount[next]! < indent) break;
    last = next;
  }
  const open = state.push('admonition_open', 'div', 1);
  open.info = match[1] ?? '';
  open.meta = { title: match[2] ?? null };
  open.map = [startLine, last + 1];
  if (last > startLine) tokenizeNested(state, startLine + 1, last + 1, indent, 'admonition');
  state.push('admonition_close', 'div', -1);
  state.line = last + 1;
  return true;
}

function container(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const match = opening(state, startLine, [COLON], CONTAINER_OPEN);
  if (!match) return false;
  const fence = match[1]!;
  if (silent) return true;
  const close = closingLine(state, startLine, endLine, (next) => {
    if (state.sCount[next]! < state.blkIndent && !state.isEmpty(next)) return 'outside';
    const text = lineText(state, next).trimEnd();
    return text.length >= fence.length && /^:+$/.test(text);
  });
  const end = close === -1 ? endLine : close;
  const open = state.push('container_open', 'div', 1);
  open.info = match[2] ?? '';
  open.map = [startLine, close === -1 ? end : close + 1];
  if (end > startLine + 1) tokenizeNested(state, startLine + 1, end, state.blkIndent, 'container');
  state.push('container_close', 'div', -1);
  state.line = close === -1 ? end : close + 1;
  return true;
}

function highlight(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const match = opening(state, startLine, [BRACE], HIGHLIGHT_OPEN);
  if (!match) return false;
  const close = closingLine(state, startLine, endLine, (next) => HIGHLIGHT_CLOSE.test(lineText(state, next)));
  if (close === -1) return false; // not a complete Jekyll block: leave the line to be text
  if (silent) return true;
  const token = state.push('fence', 'code', 0);
  token.info = match[1]!;
  token.content = state.getLines(startLine + 1, close, state.sCount[startLine]!, true);
  token.markup = '{%';
  token.map = [startLine, close + 1];
  state.line = close + 1;
  return true;
}

/**
 * markdown-it's own `normalize` rewrites every line end (`\r\n?|\n` → `\n`), copying the whole
 * text even when it has no `\r` — as decoded runbooks never do. Same result, copied only when
 * there is something to change.
 */
function normalize(state: StateCore): void {
  let src = state.src;
  if (src.indexOf('\r') >= 0) src = src.replace(/\r\n?/g, '\n');
  if (src.indexOf('\0') >= 0) src = src.replace(/\0/g, '\uFFFD');
  state.src = src;
}

let shared: MarkdownIt | null = null;

/**
 * markdown-it configured for runbooks. Built once: construction (rule chains, linkify tables)
 * costs more than parsing a typical runbook, and `parse` keeps no state between calls.
 */
export function markdownParser(): MarkdownIt {
  shared ??= createMarkdownParser();
  return shared;
}

function createMarkdownParser(): MarkdownIt {
  // `html: true` so comments and HTML tables come out as html_block tokens (and so their
  // content is not mistaken for text); linkify so bare dashboard URLs become links.
  const md = new MarkdownIt('default', { html: true, linkify: true, typographer: false });
  md.core.ruler.at('normalize', normalize);
  const interrupts = { alt: ['paragraph', 'reference', 'blockquote', 'list'] };
  md.block.ruler.before('fence', 'warroom_highlight', highlight, interrupts);
  md.block.ruler.before('fence', 'warroom_admonition', admonition, interrupts);
  md.block.ruler.before('fence', 'warroom_container', container, interrupts);
  return md;
}
