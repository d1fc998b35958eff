/**
 * `warroom export INCIDENT|latest --format md|html|pdf|json|cast [--out FILE] [--data DIR]
 * [--time-zone ZONE] [--keep ID]... [--list-redactions]`
 *
 * Without --out the file goes into the current directory, named after the incident
 * (`incident-2026-11-23-checkout-502s.md`); `--out -` writes a text format to stdout (never a
 * PDF or a recording). `cast` writes one file per terminal session: with several, `-1`, `-2`…
 * go before the extension of the name. `--list-redactions` prints what would be redacted
 * (with the ids `--keep` takes) and writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../common/errors';
import type { RedactionFinding } from '../../../common/report/redaction';
import { UsageError, type CliIo } from '../cliIo';
import { parseCommandArgs } from '../parseCommandArgs';
import { resolveDataDir } from '../../dataDir';
import { findIncident, lazyLibraryLookup, openExistingStore } from '../cliStore';
import { EXPORT_FORMATS, exportIncident, isExportFormat, previewRedactions, type ExportedFile, type ExportFormat } from '../../report/exportIncident';

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'export',
    argv,
    {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      data: { type: 'string' },
      'time-zone': { type: 'string' },
      keep: { type: 'string', multiple: true },
      'list-redactions': { type: 'boolean' },
    },
    { min: 1, max: 1 },
  );
  const format = values.format;
  if (!values['list-redactions']) {
    if (format === undefined) throw new UsageError(`warroom export: --format is required (${EXPORT_FORMATS.join('|')}).`);
    if (!isExportFormat(format)) throw new UsageError(`warroom export: unknown format '${format}' — use one of ${EXPORT_FORMATS.join(', ')}.`);
    if (values.out === '-' && (format === 'pdf' || format === 'cast')) throw new UsageError(`warroom export: --out - is for text formats; give a file name for ${format}.`);
  }
  const dataDir = resolveDataDir(values.data);
  const store = openExistingStore(dataDir);
  const library = lazyLibraryLookup(dataDir);
  try {
    const incident = findIncident(store, positionals[0]!);
    if (values['list-redactions']) {
      io.stdout(describeFindings(await previewRedactions(store, incident.id, library.lookup)));
      return 0;
    }
    const result = await exportIncident(store, incident.id, format as ExportFormat, library.lookup, {
      timeZone: values['time-zone'],
      keep: values.keep,
    });
    const redacted = result.findings.filter((f) => !f.kept).reduce((n, f) => n + f.count, 0);
    const note = redacted > 0 ? ` (${redacted} secret${redacted === 1 ? '' : 's'} redacted; --list-redactions shows them)` : '';
    if (values.out === '-') {
      io.stdout(result.files[0]!.content as string);
      if (note) io.stderr(`warroom export:${note}`);
      return 0;
    }
    for (const [i, file] of result.files.entries()) {
      const target = targetPath(values.out, file, i, result.files.length);
      writeFile(target, file.content);
      io.stdout(`Wrote ${target}${i === result.files.length - 1 ? note : ''}`);
    }
    return 0;
  } finally {
    library.dispose();
    store.close();
  }
}

function targetPath(out: string | undefined, file: ExportedFile, index: number, count: number): string {
  if (!out) return path.resolve(file.fileName);
  if (count === 1) return path.resolve(out);
  const ext = path.extname(out);
  return path.resolve(`${ext ? out.slice(0, -ext.length) : out}-${index + 1}${ext || '.cast'}`);
}

function writeFile(target: string, content: string | Uint8Array): void {
  try {
    if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`${target} is a folder — give a file name with --out.`, 'E_INVALID');
    // Write aside, then rename: a failed export never leaves half a report under the real name.
    const temp = `${target}.partial-${process.pid}`;
    fs.writeFileSync(temp, content, { mode: 0o600 });
    fs.renameSync(temp, target);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot write ${target}: ${describeWriteError(error as NodeJS.ErrnoException)}.`, 'E_WRITE');
  }
}

/** The usual reasons a file cannot be written, in words; anything else by its code. */
function describeWriteError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return error.code ?? error.message;
  }
}

/** The preview, as the console's: by rule, with counts; every excerpt and place masked. */
function describeFindings(findings: RedactionFinding[]): string {
  if (findings.length === 0) return 'Nothing to redact.';
  const lines = [`${findings.length} secret${findings.length === 1 ? '' : 's'} would be redacted (keep one with --keep ID):`];
  const byRule = new Map<string, RedactionFinding[]>();
  for (const f of findings) byRule.set(f.kind, [...(byRule.get(f.kind) ?? []), f]);
  for (const group of byRule.values()) {
    lines.push(`${group[0]!.label} [${group[0]!.kind}]: ${group.length} secret${group.length === 1 ? '' : 's'}, ${group.reduce((n, f) => n + f.count, 0)}×`);
    for (const f of group) lines.push(`  ${f.id}  ${f.label}, ${f.count}×`, `      ${f.excerpt}`, ...f.where.map((w) => `      at ${w}`));
  }
  return lines.join('\n');
}
