/**
 * Keeps the rule set's findings in large texts between exports. The preview, then the export,
 * then another format each need every secret of the incident, and scanning 50 MB of command
 * output costs most of a second; a finished command's output never changes, so its findings
 * are kept under its id, its length and a sample of its characters (a recording only grows,
 * or loses a struck command's part, and the length says so).
 */
import { secretScanner, type Detection } from '../../common/report/secretScanner';

/** Smaller texts are scanned again: cheaper than keeping them. */
const MIN_CACHED_CHARS = 64 * 1024;
/** Entries kept: a few incidents' outputs and recordings. */
const MAX_ENTRIES = 256;
/** One character in this many goes into the fingerprint. */
const SAMPLE_STRIDE = 1024;

const entries = new Map<string, readonly Detection[]>();

/** The rules' findings in `text`, the text being what `owner` (`command:ID`, `session:ID`) holds. */
export function scanLargeText(owner: string, text: string): readonly Detection[] {
  if (text.length < MIN_CACHED_CHARS) return secretScanner().scan(text);
  const key = `${owner}\u0000${text.length}\u0000${fingerprint(text)}`;
  const hit = entries.get(key);
  if (hit) {
    // Most recently used last.
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const found = secretScanner().scan(text);
  entries.set(key, found);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return found;
}

function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += SAMPLE_STRIDE) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  for (let i = Math.max(0, text.length - 256); i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
