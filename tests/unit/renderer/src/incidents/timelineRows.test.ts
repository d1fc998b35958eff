import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../../../electron/common/incident/model';
import { buildRows, filterRows, indexOfRow } from '../../../../../renderer/src/incidents/timelineRows';

let seq = 0;
function event(kind: TimelineEvent['kind'], payload: unknown, occurredAt: number, recordedAt = occurredAt): TimelineEvent {
  seq++;
  return { id: `e${seq}`, incidentId: 'i', seq, occurredAt, recordedAt, deviceId: 'd', actor: 'ana', digest: '', chainHead: '', redacted: false, kind, payload } as TimelineEvent;
}

describe('timeline rows', () => {
  it('joins a command’s start and finish, shows stars on the starred row, and orders by when things happened', () => {
    seq = 0;
    const created = event('incident.created', { title: 'x', severity: 'SEV1', status: 'investigating', commander: null, impact: null, runbookIds: [] }, 1000);
    const started = event('command.started', { commandId: 'c1', sessionId: 's', commandLine: 'kubectl get pods', cwd: '/', step: null }, 2000);
    const note = event('note', { text: 'rolled back' }, 3000);
    const finished = event('command.finished', { commandId: 'c1', exitCode: 2, durationMs: 1500, outputTruncated: false }, 3500);
    const star = event('star', { eventId: note.id }, 3600);
    const backdated = event('note', { text: 'alert fired' }, 500, 4000);
    const orphanFinish = event('command.finished', { commandId: 'older', exitCode: 0, durationMs: 1, outputTruncated: false }, 4100);

    const rows = buildRows([created, started, note, finished, star, backdated, orphanFinish]);
    expect(rows.map((r) => r.event.id)).toEqual([backdated.id, created.id, started.id, note.id, orphanFinish.id]);
    expect(rows[2]!.finished?.payload.exitCode).toBe(2);
    expect(rows.find((r) => r.event.id === note.id)!.starred).toBe(true);

    expect(filterRows(rows, 'commands', '').map((r) => r.event.id)).toEqual([started.id, orphanFinish.id]);
    expect(filterRows(rows, 'starred', '').map((r) => r.event.id)).toEqual([note.id]);
    expect(filterRows(rows, 'all', 'ALERT').map((r) => r.event.id)).toEqual([backdated.id]);
    expect(indexOfRow(rows, note)).toBe(3);
  });

  it('breaks ties by id, not by storage order, so a merged timeline reads the same on every device', () => {
    seq = 0;
    const local = { ...event('note', { text: 'local' }, 5000), id: '01HZZ' } as TimelineEvent;
    const imported = { ...event('note', { text: 'imported' }, 5000), id: '01HAA' } as TimelineEvent;
    const rows = buildRows([local, imported]);
    expect(rows.map((r) => r.event.id)).toEqual(['01HAA', '01HZZ']);
    expect(indexOfRow(rows, local)).toBe(1);
  });

  it('names the command of a finish whose start is not loaded, from the lines the host sent with the page', () => {
    seq = 0;
    const finished = event('command.finished', { commandId: 'c9', exitCode: 1, durationMs: 40, outputTruncated: false }, 1);
    expect(buildRows([finished])[0]!.description.text).toBe('Command finished: exit 1 after 40 ms');
    const named = buildRows([{ ...finished }], new Map([['c9', 'kubectl -n shop get pods']]));
    expect(named[0]!.description.text).toBe('kubectl -n shop get pods finished: exit 1 after 40 ms');
  });

  it('unstarring removes the star', () => {
    seq = 0;
    const note = event('note', { text: 'a' }, 1);
    const rows = buildRows([note, event('star', { eventId: note.id }, 2), event('unstar', { eventId: note.id }, 3)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.starred).toBe(false);
  });
});
