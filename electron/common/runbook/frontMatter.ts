/**
 * YAML front matter (`---` … `---` or `...` at the top of the file; also Hugo's TOML `+++`).
 * Its `title` wins over the first heading. The block is blanked out of the Markdown with its
 * line breaks kept, so every line number after it is still the file's own.
 */
import yaml from 'js-yaml';
import type { Diagnostic } from './model';

export interface FrontMatter {
  /** The text with the front matter replaced by empty lines. */
  body: string;
  title: string | null;
  data: Record<string, unknown> | null;
  diagnostics: Diagnostic[];
}

/** Front matter longer than this is not front matter but a document that starts with `---`. */
const MAX_FRONT_MATTER_LINES = 500;

function blankLines(text: string, upTo: number): string {
  return text.slice(0, upTo).replace(/[^\n]/g, '') + text.slice(upTo);
}

export function extractFrontMatter(text: string): FrontMatter {
  const none: FrontMatter = { body: text, title: null, data: null, diagnostics: [] };
  const open = /^(---|\+\+\+)[ \t]*\n/.exec(text);
  if (!open) return none;
  const marker = open[1]!;
  const close = marker === '---' ? /^(?:---|\.\.\.)[ \t]*$/ : /^\+\+\+[ \t]*$/;
  const lines = text.split('\n', MAX_FRONT_MATTER_LINES + 2);
  let closeLine = -1;
  for (let i = 1; i < lines.length && i <= MAX_FRONT_MATTER_LINES; i++) {
    if (close.test(lines[i]!)) {
      closeLine = i;
      break;
    }
  }
  if (closeLine === -1) return none; // a lone `---` is a thematic break, not front matter
  const source = lines.slice(1, closeLine).join('\n');
  let end = 0;
  for (let i = 0; i <= closeLine; i++) end = text.indexOf('\n', end) + 1 || text.length;
  const body = blankLines(text, end);
  if (marker === '+++') {
    const title = /^title\s*=\s*(["'])(.*)\1\s*$/m.exec(source);
    return { body, title: title ? title[2]!.trim() || null : null, data: null, diagnostics: [] };
  }
  try {
    const data: unknown = yaml.load(source, { schema: yaml.JSON_SCHEMA });
    if (data === null || data === undefined) return { body, title: null, data: null, diagnostics: [] };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return {
        body,
        title: null,
        data: null,
        diagnostics: [{ level: 'warning', message: 'The front matter is not a YAML mapping (key: value lines); it was ignored.', line: 1 }],
      };
    }
    const record = data as Record<string, unknown>;
    const rawTitle = record['title'];
    const title = typeof rawTitle === 'string' || typeof rawTitle === 'number' ? String(rawTitle).replace(/\s+/g, ' ').trim() || null : null;
    return { body, title, data: record, diagnostics: [] };
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? 'invalid YAML';
    return {
      body,
      title: null,
      data: null,
      diagnostics: [
        {
          level: 'warning',
          message: `The front matter is not valid YAML (${reason}); it was ignored and the rest of the runbook was read.`,
          line: 2 + (mark?.line ?? 0),
        },
      ],
    };
  }
}
