import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * Renders a runbook's Markdown to safe HTML, with every code block replaced by an
 * empty slot `<div data-code-block data-line-start data-line-end>` that the view
 * fills with interactive steps (so blocks nested in lists and quotes stay in place).
 * Raw HTML is allowed (real runbooks use HTML tables) and then sanitized; the CSP
 * forbids inline scripts besides.
 */
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

const slot = (tokens: { map: [number, number] | null }[], index: number) => {
  const map = tokens[index]?.map;
  // map is 0-based [first line, line after]; the model's lines are 1-based.
  return map ? `<div data-code-block="" data-line-start="${map[0] + 1}" data-line-end="${map[1]}"></div>\n` : '';
};
markdown.renderer.rules.fence = slot;
markdown.renderer.rules.code_block = slot;

export function renderRunbookMarkdown(source: string): string {
  const html = renderTaskBoxes(markdown.render(blankFrontMatter(source)));
  return DOMPurify.sanitize(html, {
    ADD_ATTR: ['data-code-block', 'data-line-start', 'data-line-end', 'target'],
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
  });
}

/**
 * GFM task items (`- [ ] …`) as boxes. They are ticked per incident in the
 * incident's checklist, so here they only show what the runbook says.
 */
function renderTaskBoxes(html: string): string {
  return html.replace(/(<li>(?:\s*<p>)?)\[([ xX])\]\s/g, (_all, open: string, mark: string) =>
    mark === ' '
      ? `${open}<span class="task-box" role="img" aria-label="to do">☐</span> `
      : `${open}<span class="task-box task-box--done" role="img" aria-label="done">☑</span> `,
  );
}

/** YAML front matter is metadata, not content; blanking keeps line numbers intact. */
function blankFrontMatter(source: string): string {
  if (!source.startsWith('---\n')) return source;
  const end = source.indexOf('\n---', 4);
  if (end < 0) return source;
  const close = source.indexOf('\n', end + 4);
  const frontMatter = source.slice(0, close < 0 ? source.length : close);
  return frontMatter.replace(/[^\n]/g, '') + source.slice(frontMatter.length);
}
