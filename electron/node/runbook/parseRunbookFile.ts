/**
 * Reads a runbook file into the model. Problems with the file itself (missing, a directory,
 * unreadable, too large, binary, empty) throw a `UserError` whose message is the one line to
 * show; problems inside a readable runbook are diagnostics in the model.
 */
import { open, stat } from 'node:fs/promises';
import { UserError } from '../../common/errors';
import { decodeRunbook, MAX_RUNBOOK_BYTES } from '../../common/runbook/decodeRunbook';
import { buildRunbook } from '../../common/runbook/parseRunbook';
import type { Runbook } from '../../common/runbook/model';

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file; check the path';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; check the file’s permissions';
    case 'EISDIR':
      return 'is a directory; give a Markdown file';
    case 'ELOOP':
      return 'too many symbolic links; check the path';
    default:
      return `cannot be read (${code ?? (error as Error).message})`;
  }
}

/** Reads the file's bytes, refusing what cannot be a runbook before reading it all. */
export async function readRunbookBytes(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UserError(`Cannot read runbook ${path}: it is a directory; give a Markdown file (or use \`warroom lint DIR\`).`, 'E_IS_DIRECTORY');
    if (!info.isFile()) throw new UserError(`Cannot read runbook ${path}: not a regular file.`, 'E_NOT_FILE');
    size = info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot read runbook ${path}: ${describe(error)}.`, 'E_READ');
  }
  if (size > MAX_RUNBOOK_BYTES) {
    throw new UserError(
      `Cannot read runbook ${path}: it is ${(size / 1048576).toFixed(1)} MB, too large to be a runbook (limit ${MAX_RUNBOOK_BYTES / 1048576} MB).`,
      'E_TOO_LARGE',
    );
  }
  try {
    const handle = await open(path, 'r');
    try {
      return new Uint8Array(await handle.readFile());
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new UserError(`Cannot read runbook ${path}: ${describe(error)}.`, 'E_READ');
  }
}

/** Parses bytes already read from `path`; throws `UserError` when they are not a runbook at all. */
export function parseRunbookBytes(path: string, bytes: Uint8Array): Runbook {
  const decoded = decodeRunbook(bytes);
  if (decoded.fatal !== null) {
    // "The file is empty: …" → "Cannot read runbook x.md: the file is empty: …"
    const reason = decoded.fatal.charAt(0).toLowerCase() + decoded.fatal.slice(1);
    throw new UserError(`Cannot read runbook ${path}: ${reason.replace(/\.$/, '')}.`, 'E_NOT_RUNBOOK');
  }
  return buildRunbook(path, decoded);
}

/** Reads and parses a runbook file (in the calling thread; see `parseInWorker` for the host). */
export async function parseRunbookFile(path: string): Promise<Runbook> {
  return parseRunbookBytes(path, await readRunbookBytes(path));
}
