/**
 * Placeholders: the parts of a command or template the responder must fill in.
 *
 * Commands: `<name>`, `{{name}}`, `YOUR_…`, `…_HERE`, `REPLACE_ME`, and
 * `{Capitalised Words}`. Templates also `[Text]`. Shell and template syntax that
 * only looks similar is left alone: `sort <in >out`, `<(cmd)`, `<<EOF`, Go/Helm
 * templates (`{{.State.Health}}`, `{{ .Values.x }}`, `{{range …}}`, `{{$x}}`),
 * `awk '{print $1}'`, `${VAR}`, and HTML tags such as `<br>` (a tag name in a
 * command is far more likely pasted markup than a value to fill in).
 *
 * The scan visits each `<`, `{`, `[` and identifier once and matches a bounded
 * window there, so it is linear in the text whatever the input.
 */
import type { PlaceholderMode, PlaceholderOptions } from './index';

export interface PlaceholderOccurrence {
  start: number;
  end: number;
  name: string;
}

/** Longest placeholder we accept; also bounds the window each match attempt reads. */
const MAX_NAME = 80;

const ANGLE = /^<([A-Za-z][A-Za-z0-9_.-]*(?: [A-Za-z0-9_.-]+)*)>/;
const MUSTACHE = /^\{\{ ?([A-Za-z][A-Za-z0-9_.-]*) ?\}\}/;
const CAPITALISED = /^\{([A-Z][A-Za-z]*(?: [A-Za-z]+)*)\}/;
const BRACKET = /^\[([^[\]\n]{1,80})\]/;
const BARE_TOKEN = /^(YOUR[_-][A-Za-z0-9_-]*[A-Za-z0-9]|[A-Z0-9][A-Z0-9_-]*[_-]HERE|REPLACE_ME|REPLACEME|CHANGE_ME|CHANGEME)$/;

/** HTML tags that show up in Markdown-pasted commands; `<br>` is never a value to fill in. */
const HTML_TAGS = new Set([
  'a', 'abbr', 'b', 'big', 'blockquote', 'body', 'br', 'button', 'center', 'cite', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt',
  'em', 'font', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'i', 'img', 'input', 'ins',
  'kbd', 'label', 'li', 'link', 'main', 'mark', 'meta', 'nav', 'ol', 'option', 'p', 'pre', 'q', 's', 'samp', 'script', 'section',
  'select', 'small', 'span', 'strong', 'style', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'textarea', 'th', 'thead', 'tr',
  'tt', 'u', 'ul', 'var', 'wbr',
]);

/** Go/Helm template words: `{{end}}`, `{{else}}` are template syntax, not values. */
const GO_TEMPLATE_WORDS = new Set(['end', 'else', 'range', 'if', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil', 'len', 'index', 'print', 'printf', 'println', 'json', 'not', 'and', 'or', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'slice', 'html', 'js', 'urlquery', 'call', 'toYaml', 'toJson', 'include', 'quote', 'default', 'upper', 'lower', 'trim', 'nindent', 'indent', 'required', 'tpl']);

/** Status words that appear in brackets in incident messages as literal tags. */
const STATUS_WORDS = new Set([
  'RESOLVED', 'INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'MITIGATED', 'UPDATE', 'UPDATED', 'ONGOING', 'OPEN', 'CLOSED', 'ACTIVE',
  'INCIDENT', 'ALERT', 'FIXED', 'POSTMORTEM', 'POST-MORTEM', 'SCHEDULED', 'MAINTENANCE', 'COMPLETED', 'COMPLETE', 'URGENT', 'DEGRADED',
  'OUTAGE', 'FYI', 'INFO', 'WARNING', 'CRITICAL', 'ACTION REQUIRED', 'RESOLVING', 'RECOVERED', 'ESCALATED', 'ACKNOWLEDGED',
  'FINAL', 'INITIAL', 'NEW', 'DRAFT', 'INTERNAL', 'EXTERNAL', 'CLEAR', 'CLEARED', 'OK', 'FIRING', 'PAGE', 'TEST',
]);

/** `[SEV1]`, `[P0]`, `[SEV-2]`, `[S3]`: severity tags are literal even when no scale is known. */
const SEVERITY_TAG = /^(SEV|P|S|PRIORITY|LEVEL)[ -]?\d$/i;

function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

function scan(text: string, mode: PlaceholderMode, literalWords: ReadonlySet<string> | undefined): PlaceholderOccurrence[] {
  const out: PlaceholderOccurrence[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i] as string;
    if (c === '<') {
      const found = angle(text, i);
      if (found) {
        out.push(found);
        i = found.end;
        continue;
      }
    } else if (c === '{') {
      const found = brace(text, i);
      if (found) {
        out.push(found);
        i = found.end;
        continue;
      }
    } else if (c === '[' && mode === 'template') {
      const found = bracket(text, i, literalWords);
      if (found) {
        out.push(found);
        i = found.end;
        continue;
      }
    } else if (isWordChar(c) && (i === 0 || !isWordChar(text[i - 1]))) {
      let end = i + 1;
      while (end < n && isWordChar(text[end])) end++;
      const token = text.slice(i, end);
      const prev = text[i - 1];
      // `$YOUR_TOKEN` / `${YOUR_TOKEN}` is an environment input, not a placeholder.
      const isVariable = prev === '$' || (prev === '{' && text[i - 2] === '$');
      if (!isVariable && token.length <= MAX_NAME && BARE_TOKEN.test(token)) out.push({ start: i, end, name: token });
      i = end;
      continue;
    }
    i++;
  }
  return out;
}

function angle(text: string, i: number): PlaceholderOccurrence | null {
  // `<<EOF`, `<<<`, `<(cmd)`: heredocs, here-strings, process substitution.
  if (text[i - 1] === '<' || text[i + 1] === '<') return null;
  const m = ANGLE.exec(text.slice(i, i + MAX_NAME + 2));
  if (!m || !m[1]) return null;
  if (HTML_TAGS.has(m[1])) return null;
  return { start: i, end: i + m[0].length, name: m[1] };
}

function brace(text: string, i: number): PlaceholderOccurrence | null {
  if (text[i + 1] === '{') {
    if (text[i - 1] === '{') return null;
    const m = MUSTACHE.exec(text.slice(i, i + MAX_NAME + 6));
    if (!m || !m[1] || GO_TEMPLATE_WORDS.has(m[1])) return null;
    if (text[i + m[0].length] === '}') return null;
    return { start: i, end: i + m[0].length, name: m[1] };
  }
  if (text[i - 1] === '$' || text[i - 1] === '{') return null;
  const m = CAPITALISED.exec(text.slice(i, i + MAX_NAME + 2));
  if (!m || !m[1]) return null;
  return { start: i, end: i + m[0].length, name: m[1] };
}

function bracket(text: string, i: number, literalWords: ReadonlySet<string> | undefined): PlaceholderOccurrence | null {
  const prev = text[i - 1];
  if (prev === '!' || prev === '\\' || prev === ']') return null;
  const m = BRACKET.exec(text.slice(i, i + MAX_NAME + 2));
  if (!m || !m[1]) return null;
  const end = i + m[0].length;
  const next = text[end];
  // Markdown links `[x](url)`, references `[x][ref]` and definitions `[x]: url`.
  if (next === '(' || next === '[') return null;
  if (next === ':' && isLinkDefinition(text, i, end)) return null;
  const inner = m[1].trim();
  if (!/^[A-Za-z]/.test(inner)) return null;
  if ((inner === 'x' || inner === 'X') && isTaskMarker(text, i)) return null;
  const upper = inner.toUpperCase();
  if (inner === upper && (STATUS_WORDS.has(inner) || SEVERITY_TAG.test(inner) || literalWords?.has(inner))) return null;
  return { start: i, end, name: inner };
}

/** True when only up to `maxSpaces` spaces (or `allowed` text) separate `i` from the start of its line. Bounded look-back. */
function lineStartBefore(text: string, i: number, limit: number): number {
  for (let j = i - 1; j >= Math.max(0, i - limit - 1); j--) if (text[j] === '\n') return j + 1;
  return i - limit - 1 <= 0 ? 0 : -1;
}

/** `[ref]: https://x "title"` at a line start: a Markdown link reference definition. */
function isLinkDefinition(text: string, start: number, end: number): boolean {
  const lineStart = lineStartBefore(text, start, 3);
  if (lineStart < 0 || !/^ {0,3}$/.test(text.slice(lineStart, start))) return false;
  const window = text.slice(end, end + 2048);
  const newline = window.indexOf('\n');
  return /^:\s*\S+(\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*$/.test(newline < 0 ? window : window.slice(0, newline));
}

/** `- [x] done`: a checked task, not a placeholder. */
function isTaskMarker(text: string, i: number): boolean {
  const lineStart = lineStartBefore(text, i, 12);
  return lineStart >= 0 && /^\s*([-*+]|\d+[.)])\s+$/.test(text.slice(lineStart, i));
}

/** Every placeholder in `text` where it stands (offsets into `text`), in order. */
export function findPlaceholderOccurrences(text: string, mode: PlaceholderMode, opts?: PlaceholderOptions): PlaceholderOccurrence[] {
  return scan(text, mode, opts?.literalWords);
}

/** Names of the placeholders in `text`, in order of first appearance, each once. */
export function findPlaceholders(text: string, mode: PlaceholderMode, opts?: PlaceholderOptions): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const o of scan(text, mode, opts?.literalWords)) {
    if (!seen.has(o.name)) {
      seen.add(o.name);
      names.push(o.name);
    }
  }
  return names;
}

/**
 * Replaces every placeholder whose name has a value, whatever syntax it was written
 * in (`<pod>` and `{{pod}}` both take `values.pod`). Others stay as they are.
 */
export function fillPlaceholders(text: string, values: Record<string, string>, mode: PlaceholderMode = 'template', opts?: PlaceholderOptions): string {
  let out = '';
  let last = 0;
  for (const o of scan(text, mode, opts?.literalWords)) {
    if (!Object.prototype.hasOwnProperty.call(values, o.name)) continue;
    out += text.slice(last, o.start) + values[o.name];
    last = o.end;
  }
  return out + text.slice(last);
}
