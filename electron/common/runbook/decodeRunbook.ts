/**
 * Bytes → runbook text. Decides the encoding (UTF-8 with or without BOM, UTF-16 with BOM or
 * plainly UTF-16, Windows-1252 as a last resort), normalises line ends, repairs mojibake and
 * refuses what is not a runbook at all (binary, empty, absurdly long lines or files) with a
 * diagnostic instead of a crash or a hang.
 */
import type { Diagnostic } from './model';
import { decodeWindows1252, repairMojibake } from './mojibake';

export interface DecodedRunbook {
  /** Text with LF line ends and no BOM; '' when `fatal` is set. */
  text: string;
  diagnostics: Diagnostic[];
  /** Why this is not a runbook (binary, empty, too large), or null. The same words are in an error diagnostic. */
  fatal: string | null;
}

/**
 * Largest runbook we parse. Real runbooks are kilobytes; the 5 MB target parses in well under
 * a second, so 16 MB is generous while still bounding time and memory (a 50 MB log file
 * dropped into the library must not stall the host).
 */
export const MAX_RUNBOOK_BYTES = 16 * 1024 * 1024;

/**
 * Longest single line we accept. Long lines occur (an embedded JSON payload, a base64 key),
 * but a million characters on one line is a minified bundle or a data dump, not prose.
 */
export const MAX_LINE_CHARS = 1_000_000;

/** Bytes sampled for the binary test: enough to see a file's nature, cheap on huge files. */
const BINARY_SAMPLE_BYTES = 64 * 1024;

/** Share of control bytes (NUL, and C0 controls other than tab/LF/FF/CR/ESC) that marks a file as binary. */
const BINARY_CONTROL_RATIO = 0.02;

/** Share of undecodable bytes above which a file is binary, not text in a stray encoding. */
const BINARY_INVALID_RATIO = 0.1;

function fatal(message: string): DecodedRunbook {
  return { text: '', diagnostics: [{ level: 'error', message, line: 1 }], fatal: message };
}

function controlRatio(bytes: Uint8Array, step: 1 | 2 = 1, offset = 0): number {
  const end = Math.min(bytes.length, BINARY_SAMPLE_BYTES);
  let controls = 0;
  let seen = 0;
  for (let i = offset; i < end; i += step) {
    const b = bytes[i]!;
    seen++;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls++;
  }
  return seen === 0 ? 0 : controls / seen;
}

/** UTF-16 without a BOM shows as text with a NUL in every other byte (ASCII-heavy content). */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const end = Math.min(bytes.length, BINARY_SAMPLE_BYTES) & ~1;
  if (end < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = end / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

function decodeWith(label: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  return new TextDecoder(label, { fatal: false, ignoreBOM: false }).decode(bytes);
}

/** Decodes a runbook file's bytes. Never throws. */
export function decodeRunbook(bytes: Uint8Array): DecodedRunbook {
  if (bytes.length === 0) return fatal('The file is empty: there is no runbook to read.');
  if (bytes.length > MAX_RUNBOOK_BYTES) {
    return fatal(
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB, too large to be a runbook (limit ${MAX_RUNBOOK_BYTES / 1048576} MB).`,
    );
  }
  const diagnostics: Diagnostic[] = [];
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeWith('utf-16le', bytes);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeWith('utf-16be', bytes);
  } else {
    const utf16 = sniffUtf16(bytes);
    if (utf16 !== null) {
      text = decodeWith(utf16, bytes);
      diagnostics.push({
        level: 'warning',
        message: `The file has no byte-order mark but reads as ${utf16.toUpperCase()}; it was decoded as such. Save it as UTF-8.`,
        line: 1,
      });
    } else {
      if (controlRatio(bytes) > BINARY_CONTROL_RATIO) {
        return fatal('The file is binary (it holds NUL or control bytes), not a Markdown runbook.');
      }
      const decoded = decodeUtf8OrLegacy(bytes);
      if (decoded === null) return fatal('The file is binary (most of it is not valid text), not a Markdown runbook.');
      text = decoded.text;
      if (decoded.diagnostic) diagnostics.push(decoded.diagnostic);
    }
  }
  const normalized = normalizeRunbookText(text);
  if (normalized.fatal !== null) return normalized;
  return { text: normalized.text, diagnostics: [...diagnostics, ...normalized.diagnostics], fatal: null };
}

function decodeUtf8OrLegacy(bytes: Uint8Array): { text: string; diagnostic?: Diagnostic } | null {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Not valid UTF-8: decide below between damaged UTF-8, a legacy encoding and binary.
  }
  const lenient = decodeWith('utf-8', bytes);
  let invalid = 0;
  let wide = 0;
  for (let i = 0; i < lenient.length; i++) {
    const c = lenient.charCodeAt(i);
    if (c === 0xfffd) invalid++;
    else if (c >= 0x80) wide++;
  }
  if (invalid / Math.max(1, lenient.length) > BINARY_INVALID_RATIO && wide === 0) {
    // Plain ASCII plus many high bytes: an 8-bit encoding, unless it is mostly high bytes.
    const high = bytes.reduce((n, b) => n + (b >= 0x80 ? 1 : 0), 0);
    if (high / bytes.length > 0.3) return null;
  } else if (invalid / Math.max(1, lenient.length) > BINARY_INVALID_RATIO) {
    return null;
  }
  if (wide > 0) {
    // Real UTF-8 sequences are present: the file is UTF-8 with a few damaged bytes.
    return {
      text: lenient,
      diagnostic: {
        level: 'warning',
        message: `The file has ${invalid} byte(s) that are not valid UTF-8; they show as �. Re-save it as UTF-8.`,
        line: 1,
      },
    };
  }
  return {
    text: decodeWindows1252(bytes),
    diagnostic: {
      level: 'warning',
      message: 'The file is not UTF-8; it was read as Windows-1252. Re-save it as UTF-8.',
      line: 1,
    },
  };
}

/** The line (1-based) that holds character `index`. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Normalises runbook text however it arrived (decoded bytes or a string from an editor): no
 * BOM, LF line ends, no NUL, mojibake repaired, absurd sizes refused. Never throws.
 */
export function normalizeRunbookText(input: string): DecodedRunbook {
  const diagnostics: Diagnostic[] = [];
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.length > MAX_RUNBOOK_BYTES) {
    return fatal(`The text is ${(text.length / 1048576).toFixed(1)} M characters, too large to be a runbook.`);
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.includes('\0')) {
    const at = lineAt(text, text.indexOf('\0'));
    text = text.replace(/\0/g, '\uFFFD');
    diagnostics.push({ level: 'warning', message: 'The file contains NUL bytes; they were replaced with �.', line: at });
  }
  if (text.trim() === '') return fatal('The file has no content (only whitespace): there is no runbook to read.');
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > MAX_LINE_CHARS) {
      return fatal(
        `Line ${line} is ${(stop - start).toLocaleString('en-US')} characters long: this is not a runbook (a generated or minified file?).`,
      );
    }
    if (end === -1) break;
    start = end + 1;
  }
  const repair = repairMojibake(text);
  if (repair.repaired > 0) {
    text = repair.text;
    diagnostics.push({
      level: 'warning',
      message: `Repaired ${repair.repaired} mis-encoded character(s): the file is UTF-8 that was once read as Windows-1252 (${repair.example}). Re-save it as UTF-8.`,
      line: 1,
    });
  }
  return { text, diagnostics, fatal: null };
}
