/**
 * Gathers an incident into a bundle (unredacted: redactBundle makes the shareable copy):
 * the store's records plus what the report needs from the attached runbooks — their titles,
 * checklists and report templates — so the bundle renders its report on any machine.
 */
import { UserError } from '../../common/errors';
import { deriveMilestones } from '../../common/incident/milestones';
import type { TimelineEvent } from '../../common/incident/model';
import { BUNDLE_FORMAT, type Bundle, type BundleRunbook } from '../../common/report/bundle';
import type { LiteralSecret } from '../../common/report/redaction';
import type { Runbook } from '../../common/runbook/model';
import { verifyLinks, type ChainLink } from '../store/chain';
import type { IncidentStore } from '../store/incidentStore';
import { APP_VERSION } from '../version';

/** Where attached runbooks come from (the library); null when one is gone from disk. */
export type RunbookLookup = (runbookId: string) => Promise<Runbook | null>;

export interface CollectedIncident {
  bundle: Bundle;
  /** Secret inputs' values: redacted wherever they appear, never written. */
  secrets: LiteralSecret[];
  /** Terminal sessions with recorded raw output (for the asciicast export). */
  sessionIds: string[];
}

export async function collectBundle(store: IncidentStore, incidentId: string, lookup: RunbookLookup): Promise<CollectedIncident> {
  const incident = store.getIncident(incidentId);
  if (!incident) throw new UserError(`No incident with id ${incidentId} in this data directory — list incidents with \`warroom incidents\`.`, 'E_NOT_FOUND');
  const records = store.readBundleRecords(incidentId);
  const variables = store.getVariables(incidentId);
  const values = store.getShellVariables(incidentId);
  const secrets = variables.filter((v) => v.secret).map((v) => ({ name: v.name, value: values[v.name] ?? '' }));

  // Runbooks a command's step came from count too (a step may run from a runbook that was
  // never attached): the report names the step by its title, and the runbook by its own.
  const stepRunbookIds = records.commands.flatMap((c) => (c.step ? [c.step.runbookId] : []));
  const runbookIds = [...new Set([...incident.runbookIds, ...store.getChecklistState(incidentId).map((c) => c.runbookId), ...stepRunbookIds])];
  const runbooks: BundleRunbook[] = [];
  const stepTitles = new Map<string, string>();
  for (const id of runbookIds) {
    const runbook = await lookup(id).catch(() => null);
    if (!runbook) continue;
    for (const step of runbook.steps) stepTitles.set(stepKey(id, step.id), step.title);
    const template = runbook.templates.find((t) => t.kind === 'report');
    runbooks.push({
      id,
      title: runbook.title,
      checklist: runbook.checklist.map((item) => ({ id: item.id, text: item.text })),
      reportTemplate: template ? { title: template.title, body: template.body } : null,
    });
  }

  const { lastSeq: _lastSeq, ...incidentFields } = incident;
  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    exportedAt: Date.now(),
    app: { name: 'War Room', version: APP_VERSION },
    deviceId: store.deviceId,
    incident: incidentFields,
    events: records.events,
    // Verified from the records just read (one read of the timeline, not two).
    chains: verifyLinks(records.events as unknown as ChainLink[]),
    milestones: deriveMilestones(records.events as unknown as TimelineEvent[]),
    // Step ids are stable across unrelated edits of the runbook, so today's library names the
    // step it ran from; a step (or runbook) gone from the library keeps a null title.
    commands: records.commands.map((c) => (c.step ? { ...c, step: { ...c.step, title: stepTitles.get(stepKey(c.step.runbookId, c.step.stepId)) ?? null } } : c)),
    checklist: store.getChecklistState(incidentId).map(({ incidentId: _id, ...item }) => item),
    variables: variables.map((v) => ({ name: v.name, secret: v.secret, value: v.secret ? null : v.value, updatedAt: v.updatedAt })),
    runbooks,
    redaction: { redacted: {}, kept: 0 },
  };
  return { bundle, secrets, sessionIds: records.sessionIds };
}

function stepKey(runbookId: string, stepId: string): string {
  return `${runbookId}\u0000${stepId}`;
}
