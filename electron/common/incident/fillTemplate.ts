/**
 * Fills a communication template from the incident: `[Title]`, `{{impact}}`, `<Start time>`
 * and the like become the incident's values; a placeholder the incident cannot answer stays as
 * written, so the responder sees what is left to fill. Names match loosely (`Start time`,
 * `start_time`, `startTime` are one name), since runbooks spell them every way.
 */

import { STATUS_WORDS } from '../runbook/templates';

export type TemplateValues = Readonly<Record<string, string | null | undefined>>;

const PLACEHOLDER = /\[([A-Za-z][\w .'/-]{0,40})\]|\{\{\s*([A-Za-z][\w .-]{0,40})\s*\}\}|<([A-Za-z][\w .-]{0,40})>/g;

/** `Start time`, `start_time`, `startTime`, `START-TIME` → `start time`. */
export function normalizePlaceholderName(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function fillTemplate(body: string, values: TemplateValues): string {
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') byName.set(normalizePlaceholderName(name), value);
  }
  return body.replace(PLACEHOLDER, (whole, square?: string, curly?: string, angle?: string) => {
    const name = normalizePlaceholderName(square ?? curly ?? angle ?? '');
    return byName.get(name) ?? whole;
  });
}

/**
 * The fields a filled text still asks for (`[Host]`, `{{symptom}}`, `<Customer impact>`), as
 * written, once each in order; status words written literally (`[RESOLVED]`) are not fields.
 */
export function unfilledFields(text: string): string[] {
  const fields = new Map<string, string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const written = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (STATUS_WORD_SET.has(written.toUpperCase()) && written === written.toUpperCase()) continue;
    const key = normalizePlaceholderName(written);
    if (key && !fields.has(key)) fields.set(key, written);
  }
  return [...fields.values()];
}

const STATUS_WORD_SET = new Set(STATUS_WORDS);
