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
        // Written after the notes queued meanwhile, but it happened right after its start: where
        // the timeline (in the order things happened) puts it, as for a real command.
        pending.push(started.then(({ command }) => store.finishCommand(command.id, { exitCode: n % 3 === 0 ? 1 : 0, output: 'NAME READY\n' }, { occurredAt: command.startedAt + 5 })));
        written += 2;
      } else {
        pending.push(store.appendEvent(incident.id, { kind: 'note', payload: { text: `note ${n}` } }));
        written += 1;
      }
      n++;
      if (pending.length >= 5_000) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    // The newest note in storage order: finishes are written late, so up to one per command
    // follows it (with only the last 20 looked at, the 50 000-event incident found no note, and
    // callers matched any row).
    const last = store.getEvents(incident.id, { order: 'desc', limit: count }).find((e) => e.kind === 'note');
    if (last?.kind !== 'note') throw new Error('seedLargeIncident: no note written');
    return { incidentId: incident.id, newestNote: last.payload.text, oldestNote: 'note 0' };
  } finally {
    store.close();
  }
}
