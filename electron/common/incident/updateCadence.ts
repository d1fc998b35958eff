/**
 * How often the runbook asks for a status update, read from its own words ("post an update
 * every 30 minutes for SEV1/SEV2 (every 60 minutes for SEV3)", "Updates every 15 minutes").
 * A sentence that names levels applies to those levels; one that names none applies to all.
 * Without either, the brief's default: 30 minutes for the top severity, 60 for the others.
 */

export interface CadenceLevel {
  id: string;
  rank: number;
}

export interface UpdateCadence {
  minutes: number;
  /** `runbook` when the runbook's text set it; the sentence it came from, for a tooltip. */
  source: 'runbook' | 'default';
  quote: string | null;
}

/** The brief's fallback cadence: the top severity every 30 minutes, everything else hourly. */
export const TOP_SEVERITY_CADENCE_MINUTES = 30;
export const DEFAULT_CADENCE_MINUTES = 60;

const EVERY = /\bevery\s+(\d{1,3})\s*(minutes?|mins?|m\b|hours?|hrs?|h\b)/gi;
/** Only sentences about updates count: "check every 5 minutes" is not a cadence. */
const ABOUT_UPDATES = /updat|\bpost|status|notif|communicat|announce|\beta\b/i;

export function updateCadence(texts: readonly string[], severity: CadenceLevel | null, scale: readonly CadenceLevel[]): UpdateCadence {
  let general: UpdateCadence | null = null;
  for (const text of texts) {
    for (const sentence of sentences(text)) {
      if (!ABOUT_UPDATES.test(sentence)) continue;
      const matches = [...sentence.matchAll(EVERY)];
      for (let i = 0; i < matches.length; i++) {
        const match = matches[i]!;
        const minutes = toMinutes(Number(match[1]), match[2] ?? 'minutes');
        if (!minutes) continue;
        const start = match.index ?? 0;
        const end = matches[i + 1]?.index ?? sentence.length;
        // Levels named after the figure belong to it; the first figure may also take levels
        // named before it ("While the incident is SEV1 or SEV2, post an update every 30 minutes").
        let named = levelsIn(sentence.slice(start, end), scale);
        if (named.length === 0 && i === 0) named = levelsIn(sentence.slice(0, start), scale);
        const found: UpdateCadence = { minutes, source: 'runbook', quote: sentence.trim() };
        // A sentence naming the incident's own level wins at once; one naming none is the fallback.
        if (severity && named.includes(severity.id)) return found;
        if (named.length === 0) general ??= found;
      }
    }
  }
  return general ?? defaultCadence(severity, scale);
}

function defaultCadence(severity: CadenceLevel | null, scale: readonly CadenceLevel[]): UpdateCadence {
  const top = Math.min(...scale.map((level) => level.rank));
  const isTop = severity !== null && severity.rank <= top;
  return { minutes: isTop ? TOP_SEVERITY_CADENCE_MINUTES : DEFAULT_CADENCE_MINUTES, source: 'default', quote: null };
}

function toMinutes(value: number, unit: string): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  return /^h/i.test(unit) ? value * 60 : value;
}

function sentences(text: string): string[] {
  // Sentence ends: a full stop before a space, or a blank line; lines of a list are their own.
  return text
    .replace(/\r\n?/g, '\n')
    .split(/(?<=[.!?])\s+|\n\s*\n|\n(?=\s*[-*+]\s)/)
    .map((s) => s.replace(/\s+/g, ' '))
    .filter((s) => s.trim() !== '');
}

function levelsIn(text: string, scale: readonly CadenceLevel[]): string[] {
  return scale
    .filter((level) => new RegExp(`(?<![\\w-])${escapeRegExp(level.id)}(?![\\w-])`, 'i').test(text))
    .map((level) => level.id);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
