import path from 'node:path';
import { IncidentStore } from '../../electron/node/store/incidentStore';
import { DATABASE_FILE_NAME } from '../../electron/node/store/openDatabase';

/**
 * Writes an incident with `count` timeline events straight into a data dir's store, before a
 * server starts on it: notes, with a command (start + finish) every `commandEvery` events.
 * Appends are submitted without waiting for each (group commit), as a flood of output would.
 */
export async function seedLargeIncident(dataDir: string, count: number, commandEvery = 10): Promise<{ incidentId: string; newestNote: string; oldestNote: string }> {
  const store = IncidentStore.open(path.join(dataDir, DATABASE_FILE_NAME), { actor: 'seed' });
  try {
    const incident = await store.createIncident({ title: 'Fifty thousand events', severity: 'SEV2' });
    const pending: Promise<unknown>[] = [];
    let written = 1;
    let n = 0;
    while (written < count) {
      if (n % commandEvery === commandEvery - 1 && written + 2 <= count) {
        const started = store.startCommand(incident.id, { sessionId: 'seed-session', commandLine: `kubectl get pods -n shop # ${n}`, cwd: '/srv' });
        pending.push(started.then(({ command }) => store.finishCommand(command.id, { exitCode: n % 3 === 0 ? 1 : 0, output: 'NAME READY\n' })));
        written += 2;
      } else {
        pending.push(store.appendEvent(incident.id, { kind: 'note', payload: { text: `note ${n}` } }));
        written += 1;
      }
      n++;
      if (pending.length >= 5_000) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    // The last event written is a note (commands finish asynchronously): find its text.
    const last = store.getEvents(incident.id, { order: 'desc', limit: 20 }).find((e) => e.kind === 'note');
    return { incidentId: incident.id, newestNote: last?.kind === 'note' ? last.payload.text : '', oldestNote: 'note 0' };
  } finally {
    store.close();
  }
}
