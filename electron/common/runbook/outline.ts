/**
 * markdown-it tokens → a flat outline of the blocks the runbook rules read (headings,
 * paragraphs, code, tables, HTML), each with its 1-based line and its section. The rule
 * modules (sections, steps, severity, templates, …) read this outline, never the tokens.
 */
import type { Token } from 'markdown-it';
import { markdownParser } from './markdown';
import { stripSiteMarkup } from './siteMarkup';
import { parseHtmlTables } from './htmlTables';

export interface ListPosition {
  /** Distinct per list in the document. */
  listId: number;
  /** 0-based index of the item in its list. */
  itemIndex: number;
  ordered: boolean;
  /** 1 for a top-level list. */
  depth: number;
  /** True for the first paragraph of the item (the item's own text). */
  firstInItem: boolean;
  itemLine: number;
}

interface BlockBase {
  /** Index into `Outline.headings` of the section the block is in, or -1 before the first heading. */
  section: number;
  line: number;
}

export interface HeadingBlock extends BlockBase {
  kind: 'heading';
  level: number;
  text: string;
}

export interface ParagraphBlock extends BlockBase {
  kind: 'paragraph';
  /** Plain text (markup dropped), lines kept. */
  text: string;
  /** The text of a bold run that opens the paragraph (`**P0 - Critical**`), or null. */
  strongLead: string | null;
  list: ListPosition | null;
  /** Raw inline source, for rules that need the Markdown (task markers). */
  source: string;
}

export interface CodeBlock extends BlockBase {
  kind: 'code';
  /** Fence info string's first word, lower-cased; null when unlabeled or indented. */
  lang: string | null;
  code: string;
  /** 1-based line of the first content line. */
  contentLine: number;
  fenced: boolean;
  unterminated: boolean;
  list: ListPosition | null;
}

export interface TableBlock extends BlockBase {
  kind: 'table';
  header: string[];
  rows: { cells: string[]; line: number }[];
  html: boolean;
}

export interface HtmlBlock extends BlockBase {
  kind: 'html';
  /** Text of a `<summary>` (a `<details>` title), usable as a step title. */
  summary: string | null;
}

export type OutlineBlock = HeadingBlock | ParagraphBlock | CodeBlock | TableBlock | HtmlBlock;

export interface OutlineLink {
  text: string;
  url: string;
  line: number;
}

export interface Outline {
  blocks: OutlineBlock[];
  headings: HeadingBlock[];
  links: OutlineLink[];
}

interface InlineText {
  text: string;
  strongLead: string | null;
}

/** `{.bash}`, `bash {cmd=true}`, `bash title="x"`, `bash,ignore`: the language is the first word. */
function fenceLang(info: string): string | null {
  const match = /^[\s{.]*([A-Za-z0-9_+#-]+)/.exec(info);
  return match ? match[1]!.toLowerCase() : null;
}

/** True when markdown-it ran the fence to the end of its container because no closing fence came. */
function isUnterminated(token: Token): boolean {
  if (token.markup === '{%') return false;
  const [start, end] = token.map!;
  let lines = 0;
  for (let i = token.content.indexOf('\n'); i !== -1; i = token.content.indexOf('\n', i + 1)) lines++;
  // The last line of a file without a final newline has no '\n' but is still a line.
  if (token.content !== '' && !token.content.endsWith('\n')) lines++;
  return lines !== end - start - 2;
}

function inlineText(token: Token, line: number, links: OutlineLink[]): InlineText {
  const children = token.children ?? [];
  let text = '';
  let strongLead: string | null = null;
  let strongDepth = 0;
  let strongBuffer: string | null = null;
  let lineOffset = 0;
  let linkStart: { url: string; at: number; line: number } | null = null;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    switch (child.type) {
      case 'text':
      case 'code_inline':
        text += child.content;
        if (strongBuffer !== null) strongBuffer += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        lineOffset++;
        if (strongBuffer !== null) strongBuffer += ' ';
        break;
      case 'html_inline':
        // Inline HTML is markup, not text; a <br> still separates words.
        if (/^<br/i.test(child.content)) text += ' ';
        lineOffset += (child.content.match(/\n/g) ?? []).length;
        break;
      case 'image':
        break;
      case 'strong_open':
        if (strongDepth === 0 && strongLead === null && text.trim() === '') strongBuffer = '';
        strongDepth++;
        break;
      case 'strong_close':
        strongDepth--;
        if (strongDepth === 0 && strongBuffer !== null) {
          strongLead = strongBuffer.trim();
          strongBuffer = null;
        }
        break;
      case 'link_open': {
        const href = child.attrGet('href') ?? '';
        linkStart = { url: href, at: text.length, line: line + lineOffset };
        break;
      }
      case 'link_close':
        // Email and phone links are contacts, not dashboards or related runbooks.
        if (linkStart && linkStart.url !== '' && !/^(?:#|mailto:|tel:)/i.test(linkStart.url)) {
          links.push({
            text: stripSiteMarkup(text.slice(linkStart.at)) || linkStart.url,
            url: linkStart.url,
            line: linkStart.line,
          });
        }
        linkStart = null;
        break;
      default:
        break;
    }
  }
  return { text, strongLead };
}

/**
 * Parses runbook text (already decoded and normalised) into the outline. `sourceLines` gives
 * the text's lines; it is called only for HTML tables, so most runbooks never split the text.
 */
export function buildOutline(text: string, sourceLines: () => readonly string[]): Outline {
  const md = markdownParser();
  const tokens = md.parse(text, {});
  const blocks: OutlineBlock[] = [];
  const headings: HeadingBlock[] = [];
  const links: OutlineLink[] = [];
  const lists: { listId: number; ordered: boolean; items: number }[] = [];
  let nextListId = 0;
  let itemFresh = false;
  let itemLine = 0;
  let section = -1;
  let table: TableBlock | null = null;
  let row: { cells: string[]; line: number } | null = null;
  let inHead = false;

  const listPosition = (): ListPosition | null => {
    const list = lists[lists.length - 1];
    if (!list) return null;
    const position: ListPosition = {
      listId: list.listId,
      itemIndex: list.items - 1,
      ordered: list.ordered,
      depth: lists.length,
      firstInItem: itemFresh,
      itemLine,
    };
    itemFresh = false;
    return position;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const line = token.map ? token.map[0] + 1 : 0;
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        const level = Number(token.tag.slice(1)) || 1;
        const raw = inline?.type === 'inline' ? inlineText(inline, line, links).text : '';
        const heading: HeadingBlock = { kind: 'heading', level, text: stripSiteMarkup(raw), line, section: headings.length };
        section = headings.length;
        headings.push(heading);
        blocks.push(heading);
        i += 2;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ listId: nextListId++, ordered: token.type === 'ordered_list_open', items: 0 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        if (list) list.items++;
        itemFresh = true;
        itemLine = line;
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        if (inline?.type !== 'inline') break;
        const { text: raw, strongLead } = inlineText(inline, line, links);
        blocks.push({
          kind: 'paragraph',
          text: raw,
          strongLead: strongLead === null ? null : stripSiteMarkup(strongLead),
          list: listPosition(),
          source: inline.content,
          line,
          section,
        });
        i += 2;
        break;
      }
      case 'fence':
      case 'code_block': {
        const fenced = token.type === 'fence';
        const code = token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content;
        blocks.push({
          kind: 'code',
          lang: fenced ? fenceLang(token.info) : null,
          code,
          contentLine: fenced ? line + 1 : line,
          fenced,
          unterminated: fenced && isUnterminated(token),
          list: listPosition(),
          line,
          section,
        });
        break;
      }
      case 'table_open':
        table = { kind: 'table', header: [], rows: [], html: false, line, section };
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open':
        row = { cells: [], line };
        break;
      case 'th_open':
      case 'td_open': {
        const inline = tokens[i + 1];
        const cell = inline?.type === 'inline' ? inlineText(inline, row?.line ?? line, links).text : '';
        row?.cells.push(stripSiteMarkup(cell));
        break;
      }
      case 'tr_close':
        if (table && row) {
          if (inHead) table.header = row.cells;
          else table.rows.push(row);
        }
        row = null;
        break;
      case 'table_close':
        if (table) blocks.push(table);
        table = null;
        break;
      case 'html_block': {
        const summary = /<summary[^>]*>([\s\S]*?)<\/summary>/i.exec(token.content);
        blocks.push({
          kind: 'html',
          summary: summary ? stripSiteMarkup(summary[1]!) || null : null,
          line,
          section,
        });
        if (/<table[\s>]/i.test(token.content)) {
          const end = token.map ? token.map[1] + 1 : line + 1;
          for (const htmlTable of parseHtmlTables(sourceLines(), line, end)) blocks.push({ ...htmlTable, section });
        }
        break;
      }
      default:
        break;
    }
  }
  return { blocks, headings, links };
}
