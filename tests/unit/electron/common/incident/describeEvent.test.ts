import { describe, expect, it } from 'vitest';
import { describeEvent, plain, type DescribeContext, type DescribableEvent } from '../../../../../electron/common/incident/describeEvent';
import { EVENT_KINDS, type EventKind, type EventPayloads } from '../../../../../electron/common/incident/model';

const DEVICE = '0123456789abcdef0123456789abcdef';

/** One event of every kind: a kind added to the model without a sample here is a type error. */
const SAMPLES: { [K in EventKind]: EventPayloads[K] } = {
  'incident.created': { title: 'Checkout down', severity: 'SEV1', status: 'investigating', commander: 'ana', impact: null, runbookIds: [] },
  note: { text: 'pool exhausted' },
  'title.changed': { from: 'Checkout down', to: 'Checkout 502s' },
  'impact.changed': { from: null, to: 'EU users' },
  'status.changed': { from: 'investigating', to: 'identified' },
  'severity.changed': { from: 'SEV1', to: 'SEV2' },
  'commander.changed': { from: 'ana', to: 'bo' },
  'runbook.attached': { runbookId: 'rb', title: 'Checkout', runbookHash: null },
  'checklist.ticked': { runbookId: 'rb', itemId: 'i1', text: 'Acknowledge the page' },
  'checklist.unticked': { runbookId: 'rb', itemId: 'i1', text: 'Acknowledge the page' },
  'command.started': { commandId: 'c1', sessionId: 's', commandLine: 'kubectl get pods', cwd: '/srv', step: { runbookId: 'rb', stepId: 'check-pods', runbookHash: 'h' }, terminal: 'Terminal 1', host: 'laptop' },
  'command.finished': { commandId: 'c1', exitCode: 2, durationMs: 1500, outputTruncated: false },
  'statusUpdate.copied': { text: 'SEV2 Checkout 502s\nmore', templateId: null },
  'statusUpdate.posted': { text: 'SEV2 Checkout 502s', templateId: null, channel: '#incidents' },
  star: { eventId: 'note1' },
  unstar: { eventId: 'note1' },
  'actionItem.added': { text: 'Alert on 5xx', owner: 'bo' },
  'actionItem.edited': { itemId: 'item1', text: 'Alert on 5xx per region', owner: null },
  'actionItem.done': { itemId: 'item1', text: 'Alert on 5xx per region' },
  'actionItem.reopened': { itemId: 'item1', text: 'Alert on 5xx per region' },
  'capture.paused': { sessionId: 's' },
  'capture.resumed': { sessionId: 's' },
  'host.stopped': { shellsEnded: 2 },
  'host.started': { shellsEnded: 1 },
  'output.struck': { commandId: 'c1', reason: 'held a token' },
  'milestone.set': { milestone: 'identified', at: 0 },
  'input.set': { name: 'DATABASE_URL', secret: true, value: null },
  'bundle.imported': { fromDeviceId: DEVICE, exportedAt: 0, eventsAdded: 3, latestRecordedAt: {} },
  'redaction.kept': { format: 'md', secrets: [{ kind: 'github-pat', label: 'GitHub PAT', count: 3 }] },
};

/** The sentence each sample reads as, in the console and the report alike. */
const SENTENCES: Record<EventKind, string> = {
  'incident.created': 'Incident opened: Checkout down (SEV1, Investigating, commander ana)',
  note: 'Note: pool exhausted',
  'title.changed': 'Title changed from “Checkout down” to “Checkout 502s”',
  'impact.changed': 'Impact set to: EU users',
  'status.changed': 'Status: Investigating → Identified',
  'severity.changed': 'Severity: SEV1 → SEV2',
  'commander.changed': 'Commander handed over from ana to bo',
  'runbook.attached': 'Runbook attached: Checkout',
  'checklist.ticked': 'Checklist item done: Acknowledge the page',
  'checklist.unticked': 'Checklist item unticked: Acknowledge the page',
  'command.started': 'Ran kubectl get pods in /srv, in Terminal 1 on laptop (runbook step Checkout › Check the pods)',
  'command.finished': 'kubectl get pods finished: exit 2 after 1.5 s',
  'statusUpdate.copied': 'Status update copied (not yet marked sent): SEV2 Checkout 502s …(+1 lines)',
  'statusUpdate.posted': 'Status update posted to #incidents: SEV2 Checkout 502s',
  star: 'Starred: Note: pool exhausted',
  unstar: 'Unstarred: Note: pool exhausted',
  'actionItem.added': 'Action item: Alert on 5xx (owner: bo)',
  'actionItem.edited': 'Action item “Alert on 5xx” edited: Alert on 5xx per region (owner: none)',
  'actionItem.done': 'Action item done: Alert on 5xx per region',
  'actionItem.reopened': 'Action item reopened: Alert on 5xx per region',
  'capture.paused': 'Capture paused in a terminal (commands there are not recorded until it resumes)',
  'capture.resumed': 'Capture resumed in a terminal',
  'host.stopped': 'War Room host stopped: 2 shells ended with it',
  'host.started': 'War Room host started again; the shell open before the stop had ended',
  'output.struck': 'Output struck from the record for kubectl get pods (held a token)',
  'milestone.set': 'Identified moved to T0',
  'input.set': 'Secret input DATABASE_URL set (value not recorded)',
  'bundle.imported': "Imported 3 events from a bundle of device 01234567 (exported T0 by that device's clock)",
  'redaction.kept': 'Exported as md keeping 1 secret in clear (chosen in the redaction preview): GitHub PAT (3×)',
};

const ctx: DescribeContext = {
  dateTime: (ms) => `T${ms}`,
  deviceName: (id) => id.slice(0, 8),
  commandLines: new Map([['c1', 'kubectl get pods']]),
  eventsById: new Map<string, DescribableEvent>([
    ['note1', { kind: 'note', payload: SAMPLES.note }],
    ['item1', { kind: 'actionItem.added', payload: SAMPLES['actionItem.added'] }],
  ]),
  runbookTitles: new Map([['rb', 'Checkout']]),
  stepTitles: new Map([['rb\u0000check-pods', 'Check the pods']]),
};

const noContext: DescribeContext = { ...ctx, commandLines: new Map(), eventsById: new Map(), runbookTitles: new Map(), stepTitles: new Map() };

describe('describeEvent', () => {
  it.each(EVENT_KINDS)('gives %s its sentence', (kind) => {
    expect(plain(describeEvent({ kind, payload: SAMPLES[kind] }, ctx))).toBe(SENTENCES[kind]);
  });

  it('gives every kind of the model a sentence of its own, never the fallback', () => {
    const sentences = EVENT_KINDS.map((kind) => plain(describeEvent({ kind, payload: SAMPLES[kind] }, noContext)));
    for (const sentence of sentences) expect(sentence).not.toMatch(/^Event /);
    expect(new Set(sentences).size).toBe(EVENT_KINDS.length);
  });

  it('says less, never something wrong, where the context misses what an event refers to', () => {
    const say = (kind: EventKind, payload: unknown) => plain(describeEvent({ kind, payload }, noContext));
    expect(say('command.finished', SAMPLES['command.finished'])).toBe('Command finished: exit 2 after 1.5 s');
    expect(say('command.started', SAMPLES['command.started'])).toBe('Ran kubectl get pods in /srv, in Terminal 1 on laptop (runbook step rb › check-pods)');
    expect(say('star', SAMPLES.star)).toBe('Starred: an event');
    expect(say('actionItem.edited', SAMPLES['actionItem.edited'])).toBe('Action item edited: Alert on 5xx per region (owner: none)');
    expect(say('output.struck', { commandId: 'gone', reason: null })).toBe('Output struck from the record');
  });

  it('names the milestones a status change clears, and whether it reopened the incident', () => {
    const say = (from: string, to: string) => plain(describeEvent({ kind: 'status.changed', payload: { from, to } }, ctx));
    expect(say('resolved', 'investigating')).toBe('Status: Resolved → Investigating (reopened: identified, mitigated and resolved times cleared)');
    expect(say('monitoring', 'identified')).toBe('Status: Monitoring → Identified (moved back: mitigated time cleared)');
  });

  it('marks what a reader scans for: the new state strong, command lines and input names as code', () => {
    expect(describeEvent({ kind: 'severity.changed', payload: SAMPLES['severity.changed'] }, ctx)).toEqual(['Severity: ', 'SEV1', ' → ', { strong: 'SEV2' }]);
    expect(describeEvent({ kind: 'input.set', payload: { name: 'REGION', secret: false, value: 'eu-west-1' } }, ctx)).toEqual(['Input ', { code: 'REGION' }, ' set to ', { code: 'eu-west-1' }]);
    expect(describeEvent({ kind: 'command.started', payload: { ...SAMPLES['command.started'], commandLine: 'a\nb', cwd: null, step: null, terminal: null, host: null } }, ctx)).toEqual(['Ran ', { code: 'a …(+1 lines)' }]);
  });
});
