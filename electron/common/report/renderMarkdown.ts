/**
 * The report as Markdown (CommonMark + GFM tables). Every piece of incident text is escaped,
 * so a note that holds `*`, `|`, `<script>` or a fence reads as written and cannot break the
 * document's structure; code uses fences longer than any backtick run it contains.
 */
import type { Block, CommandView, Inline, Report } from './reportModel';
import { TODO_LABEL } from './reportModel';

export function renderMarkdown(report: Report): string {
  const out: string[] = [`# ${escapeText(report.title)}`, ''];
  for (const note of report.notes) out.push(`_${inlines(note)}_`, '');
  for (const section of report.sections) {
    out.push(`## ${escapeText(section.title)}`, '');
    for (const block of section.blocks) out.push(renderBlock(block), '');
  }
  out.push('---', '', `_${escapeText(report.footer)}_`, '');
  return out.join('\n');
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlines(block.content);
    case 'facts':
      return block.rows.map((row) => `- **${escapeText(row.label)}:** ${inlines(row.value)}`).join('\n');
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${inlines(item)}`).join('\n');
    case 'checklist':
      return block.items.map((item) => `- [${item.checked ? 'x' : ' '}] ${inlines(item.content)}`).join('\n');
    case 'table': {
      const head = `| ${block.head.map((h) => escapeCell(escapeText(h))).join(' | ')} |`;
      const rule = `| ${block.head.map(() => '---').join(' | ')} |`;
      const rows = block.rows.map((row) => `| ${row.map((cell) => escapeCell(inlines(cell))).join(' | ')} |`);
      return [head, rule, ...rows].join('\n');
    }
    case 'todo':
      return `> **${TODO_LABEL}:** ${inlines(block.content).replace(/\n/g, '\n> ')}`;
    case 'markdown':
      return block.text;
    case 'quote':
      return block.text
        .split('\n')
        .map((line) => `> ${escapeText(line)}`.trimEnd())
        .join('\n');
    case 'command':
      return renderCommand(block.command);
  }
}

function renderCommand(c: CommandView): string {
  const facts = [
    `**Started:** ${c.at}`,
    `**Exit:** ${c.exitCode === null ? (c.duration === null ? 'still running at export' : 'unknown') : c.exitCode}`,
    c.duration === null ? null : `**Duration:** ${c.duration}`,
    c.terminal ? `**Terminal:** ${escapeText(c.terminal)}` : null,
    c.host ? `**Host:** ${code(c.host)}` : null,
    c.cwd ? `**Directory:** ${code(c.cwd)}` : null,
    c.step ? `**Runbook step:** ${escapeText(c.step)}` : null,
  ].filter(Boolean);
  const lines = [`### ${c.number}. ${code(firstLine(c.commandLine))}`, '', facts.join(' · '), '', fence(`$ ${c.commandLine}`, 'shell')];
  if (c.struck) lines.push('', '_Output struck from the record by the responders._');
  else if (c.output !== null) {
    lines.push('', fence(c.output, 'text'));
    if (c.truncatedAtSource) lines.push('', '_The recording kept only the head and tail of this output (it was over the capture cap)._');
  } else lines.push('', '_No output._');
  return lines.join('\n');
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

function inlines(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeText(part);
      if ('code' in part) return code(part.code);
      if ('strong' in part) return wrap(part.strong, '**');
      return wrap(part.em, '_');
    })
    .join('');
}

/** Emphasis markers must touch the words (`_ (x)_` is not emphasis): spaces go outside. */
function wrap(text: string, marker: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return match[2] ? `${match[1]}${marker}${escapeText(match[2])}${marker}${match[3]}` : text;
}

/** Backslash-escapes what Markdown would read as markup; newlines become line breaks. */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+=]|\d+[.)])(?=\s|$)/gm, (_m, space: string, marker: string) => `${space}${marker.replace(/[-+=.)]$/, (c) => `\\${c}`)}`)
    .replace(/\r?\n/g, '  \n');
}

function escapeCell(text: string): string {
  // Inside a table a line break would end the row, and GFM splits cells on any unescaped `|`,
  // even inside a code span (where it honours `\|`).
  return text.replace(/ {2}\n/g, '<br>').replace(/\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');
}

/** An inline code span that survives any backticks and pipes in the text. */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

export function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text}\n${ticks}`;
}
