/**
 * `warroom import BUNDLE [--data DIR]`: merges a teammate's exported bundle into the incident
 * of the same id here, or creates it. A file that is not a bundle, is cut short, or conflicts
 * with what is stored is refused with one line and changes nothing. A bundle whose hash
 * chains do not verify is imported — it is evidence — and each failed chain is named.
 */
import fs from 'node:fs';
import { isUserError, UserError } from '../../../common/errors';
import { BundleError, parseBundle, type Bundle } from '../../../common/report/bundle';
import type { CliIo } from '../cliIo';
import { parseCommandArgs } from '../parseCommandArgs';
import { resolveDataDir } from '../../dataDir';
import { openOrCreateStore } from '../cliStore';

export async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', argv, { data: { type: 'string' } }, { min: 1, max: 1 });
  const file = positionals[0]!;
  const bundle = readBundleFile(file);
  const store = openOrCreateStore(resolveDataDir(values.data));
  try {
    let result;
    try {
      result = store.importBundle(bundle);
    } catch (error) {
      if (isUserError(error)) throw new UserError(`${file}: ${error.message}`, (error as UserError).code);
      throw error;
    }
    const failed = result.bundleChains.filter((c) => !c.ok);
    io.stdout(
      `${result.created ? 'Created' : 'Merged into'} incident ${result.incidentId} “${result.title}”: ${result.eventsAdded} new event${result.eventsAdded === 1 ? '' : 's'}, ${result.eventsAlreadyPresent} already here, ${result.commandsAdded} command record${result.commandsAdded === 1 ? '' : 's'} added.`,
    );
    for (const chain of result.bundleChains) {
      io.stdout(chain.ok ? `  chain of device ${chain.deviceId}: verified (${chain.events} events), head ${chain.head}` : `  chain of device ${chain.deviceId}: FAILED at event ${chain.firstBadEventId}: ${chain.problem}`);
    }
    if (failed.length > 0) io.stderr(`warroom import: warning: ${failed.length} chain${failed.length === 1 ? '' : 's'} in ${file} did not verify; those events were imported and stay flagged.`);
    return 0;
  } finally {
    store.close();
  }
}

function readBundleFile(file: string): Bundle {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${file}: no such file.` : `cannot read ${file}: ${code ?? (error as Error).message}.`, 'E_READ');
  }
  try {
    return parseBundle(text);
  } catch (error) {
    if (error instanceof BundleError) throw new UserError(`${file} ${error.message}; nothing was imported.`, error.code);
    throw error;
  }
}
