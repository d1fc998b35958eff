/** `warroom incidents [--data DIR] [--json]`: the incidents in a data directory. */
import type { CliIo } from '../cliIo';
import { parseCommandArgs } from '../parseCommandArgs';
import { resolveDataDir } from '../../dataDir';
import { createReportClock } from '../../../common/report/reportClock';
import { STATUS_LABELS } from '../../../common/incident/clockWords';
import { openExistingStore } from '../cliStore';

export async function incidentsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('incidents', argv, { data: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0 });
  const store = openExistingStore(resolveDataDir(values.data));
  try {
    const incidents = store.listIncidents();
    if (values.json) {
      io.stdout(JSON.stringify(incidents, null, 2));
      return 0;
    }
    if (incidents.length === 0) {
      io.stdout('No incidents yet.');
      return 0;
    }
    const clock = createReportClock();
    const rows = incidents.map((i) => [i.id, i.severity, STATUS_LABELS[i.status], clock.dateTime(i.createdAt).slice(0, 16), i.title]);
    const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), ['ID', 'SEV', 'STATUS', 'OPENED'][c]!.length));
    const line = (r: string[]) => r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]!) : cell)).join('  ');
    io.stdout([line(['ID', 'SEV', 'STATUS', 'OPENED', 'TITLE']), ...rows.map(line), `Times are ${clock.zoneLabel}.`].join('\n'));
    return 0;
  } finally {
    store.close();
  }
}
