/**
 * HTML tables in Markdown (`<table>` blocks, common in wiki exports) read into the same shape
 * as GFM tables, so severity scales and contact tables written in HTML are found too.
 */
import type { TableBlock } from './outline';

/** A table left open this many lines past its block is malformed; stop looking for `</table>`. */
const MAX_TABLE_LINES = 2000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function cellText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

/**
 * Tables that start in source lines [startLine, endLine) (1-based); a table that runs past the
 * HTML block (blank lines inside it end a CommonMark HTML block) is read on to its `</table>`.
 */
export function parseHtmlTables(lines: readonly string[], startLine: number, endLine: number): Omit<TableBlock, 'section'>[] {
  let last = Math.min(lines.length, endLine - 1);
  let chunk = lines.slice(startLine - 1, last).join('\n');
  const limit = Math.min(lines.length, last + MAX_TABLE_LINES);
  while (count(chunk, /<table[\s>]/gi) > count(chunk, /<\/table>/gi) && last < limit) {
    chunk += `\n${lines[last]}`;
    last++;
  }
  // Comments are not content: blank them but keep their newlines for line numbers.
  chunk = chunk.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const tables: Omit<TableBlock, 'section'>[] = [];
  const tablePattern = /<table[\s>][\s\S]*?(?:<\/table>|$)/gi;
  for (let match = tablePattern.exec(chunk); match; match = tablePattern.exec(chunk)) {
    const tableText = match[0];
    const tableStart = match.index;
    const lineOf = (offset: number) => startLine + count(chunk.slice(0, tableStart + offset), /\n/g);
    const table: Omit<TableBlock, 'section'> = { kind: 'table', header: [], rows: [], html: true, line: lineOf(0) };
    const rowPattern = /<tr\b[^>]*>([\s\S]*?)(?=<tr\b|<\/table>|$)/gi;
    for (let rowMatch = rowPattern.exec(tableText); rowMatch; rowMatch = rowPattern.exec(tableText)) {
      const rowHtml = rowMatch[1]!;
      const cells: string[] = [];
      let allHeader = true;
      const cellPattern = /<(t[hd])\b[^>]*>([\s\S]*?)(?=<t[hd]\b|<\/tr>|<\/thead>|<\/tbody>|$)/gi;
      for (let cell = cellPattern.exec(rowHtml); cell; cell = cellPattern.exec(rowHtml)) {
        if (cell[1]!.toLowerCase() !== 'th') allHeader = false;
        cells.push(cellText(cell[2]!));
      }
      if (cells.length === 0) continue;
      if (table.header.length === 0 && table.rows.length === 0 && allHeader) table.header = cells;
      else table.rows.push({ cells, line: lineOf(rowMatch.index) });
    }
    if (table.header.length === 0 && table.rows.length > 0) {
      // No <th>: the first row is the header, as most hand-written tables intend.
      table.header = table.rows.shift()!.cells;
    }
    tables.push(table);
  }
  return tables;
}
