/**
 * The report as one self-contained HTML file: inline CSS, no script, no external request of
 * any kind (a CSP meta tag forbids them even if some text slipped through), laid out to print
 * well (the PDF is this page printed). Every piece of incident text is HTML-escaped; the
 * runbook template's Markdown is rendered with raw HTML and images disabled.
 */
import MarkdownIt from 'markdown-it';
import type { Block, CommandView, Inline, Report } from './reportModel';
import { TODO_LABEL } from './reportModel';
import { REPORT_CSS } from './reportCss';
import { escapeHtml } from '../escapeHtml';

/** No network, no script, no plugins: only our inline styles (and data: images, none today). */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

let templateMarkdown: MarkdownIt | null = null;

function markdown(): MarkdownIt {
  // Raw HTML off (escaped as text) and images off (an <img src> would be a request).
  templateMarkdown ??= new MarkdownIt({ html: false, linkify: false, typographer: false }).disable(['image']);
  return templateMarkdown;
}

export function renderHtml(report: Report): string {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main class="report">',
    '<header class="report__header">',
    `<h1>${escapeHtml(report.title)}</h1>`,
    ...report.notes.map((note) => `<p class="report__note">${inlines(note)}</p>`),
    '<nav class="toc" aria-label="Contents"><ol>',
    ...report.sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`),
    '</ol></nav>',
    '</header>',
  ];
  for (const section of report.sections) {
    out.push(`<section id="${escapeHtml(section.id)}" class="section section--${escapeHtml(section.id)}">`, `<h2>${escapeHtml(section.title)}</h2>`);
    for (const block of section.blocks) out.push(renderBlock(block));
    out.push('</section>');
  }
  out.push(`<footer class="report__footer">${escapeHtml(report.footer)}</footer>`, '</main>', '</body>', '</html>', '');
  return out.join('\n');
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inlines(block.content)}</p>`;
    case 'facts':
      return `<dl class="facts">${block.rows.map((r) => `<div><dt>${escapeHtml(r.label)}</dt><dd>${inlines(r.value)}</dd></div>`).join('')}</dl>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${inlines(item)}</li>`).join('')}</${tag}>`;
    }
    case 'checklist':
      return `<ul class="checklist">${block.items
        .map((item) => `<li class="${item.checked ? 'done' : 'open'}"><span class="box" aria-hidden="true">${item.checked ? '☑' : '☐'}</span> <span class="sr">${item.checked ? 'done: ' : 'open: '}</span>${inlines(item.content)}</li>`)
        .join('')}</ul>`;
    case 'table': {
      const rows = block.rows.map((row) => `<tr>${row.map((cell) => `<td>${inlines(cell)}</td>`).join('')}</tr>`).join('\n');
      return `<table class="${escapeHtml(block.className ?? 'plain')}"><thead><tr>${block.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
    case 'todo':
      return `<aside class="todo"><strong>${TODO_LABEL}</strong> ${inlines(block.content)}</aside>`;
    case 'markdown':
      return `<div class="template">${markdown().render(block.text)}</div>`;
    case 'quote':
      return `<blockquote class="update">${escapeHtml(block.text)}</blockquote>`;
    case 'command':
      return renderCommand(block.command);
  }
}

function renderCommand(c: CommandView): string {
  const exit =
    c.exitCode === null
      ? `<span class="exit exit--unknown">${c.duration === null ? 'running at export' : 'no exit code'}</span>`
      : `<span class="exit ${c.exitCode === 0 ? 'exit--ok' : 'exit--fail'}">exit ${c.exitCode}</span>`;
  const meta = [
    `<span>${escapeHtml(c.at)}</span>`,
    exit,
    c.duration === null ? '' : `<span>${escapeHtml(c.duration)}</span>`,
    c.terminal ? `<span>terminal ${escapeHtml(c.terminal)}</span>` : '',
    c.host ? `<span>on <code>${escapeHtml(c.host)}</code></span>` : '',
    c.cwd ? `<span>in <code>${escapeHtml(c.cwd)}</code></span>` : '',
    c.step ? `<span>step: ${escapeHtml(c.step)}</span>` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  let output: string;
  if (c.struck) output = '<p class="muted">Output struck from the record by the responders.</p>';
  else if (c.output === null) output = '<p class="muted">No output.</p>';
  else {
    output = `<pre class="output">${escapeHtml(c.output)}</pre>`;
    if (c.truncatedAtSource) output += '<p class="muted">The recording kept only the head and tail of this output (it was over the capture cap).</p>';
  }
  return `<article class="command"><h3><span class="command__n">${c.number}</span> <code>${escapeHtml(c.commandLine.split('\n', 1)[0] ?? '')}</code></h3><p class="command__meta">${meta}</p><pre class="command__line">$ ${escapeHtml(c.commandLine)}</pre>${output}</article>`;
}

function inlines(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      if ('code' in part) return `<code>${escapeHtml(part.code)}</code>`;
      if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
      return `<em>${escapeHtml(part.em)}</em>`;
    })
    .join('');
}

