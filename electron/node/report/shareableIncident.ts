/**
 * THE way an incident leaves this machine. Every export (Markdown, HTML, PDF, JSON bundle,
 * asciicast — from the console and from the CLI), the preview before it, and the team sync
 * get the incident from here: collected from the store, every text of it learned by one
 * Redactor (the bundle, every command's full output, every terminal recording), then
 * redacted, so a secret found in any of them is hidden in all of them, and the responder's
 * `keep` choices apply alike everywhere.
 *
 * A sync module calls `shareableIncident(store, id, lookup, { keep })` and sends
 * `bundle.events` / `bundle.commands`: redacted events, with digests and chain heads intact.
 */
import type { Bundle } from '../../common/report/bundle';
import type { RedactionFinding } from '../../common/report/redaction';
import { redactBundle } from '../../common/report/redactBundle';
import type { Detection } from '../../common/report/secretScanner';
import type { IncidentStore } from '../store/incidentStore';
import { castRecording, readRecording } from './castSessions';
import { collectBundle, type RunbookLookup } from './collectBundle';
import { scanLargeText } from './scanCache';

export interface ShareableOptions {
  /** Finding ids (from the preview) to leave in clear. */
  keep?: readonly string[];
  /** The report's excerpts instead of whole outputs (Markdown, HTML, PDF); see redactBundle. */
  excerptOutputs?: boolean;
  /** Also make each terminal session's asciicast recording, redacted. */
  casts?: boolean;
}

export interface ShareableIncident {
  /** Redacted: what may be written, sent or shown. */
  bundle: Bundle;
  /** Each distinct secret, where and how often it appeared in what was produced. */
  findings: RedactionFinding[];
  /** One per terminal session with recorded output (when `casts` was asked for). */
  casts: { sessionId: string; text: string }[];
}

export async function shareableIncident(store: IncidentStore, incidentId: string, lookup: RunbookLookup, options: ShareableOptions = {}): Promise<ShareableIncident> {
  // Output rows this host handed over and its writer thread has not committed yet.
  await store.outputWritten();
  const collected = await collectBundle(store, incidentId, lookup);
  const recordings = collected.sessionIds.map((id) => readRecording(store, id));
  const recordingFindings = new Map<string, readonly Detection[]>();
  const { bundle, redactor } = redactBundle(collected.bundle, {
    secrets: collected.secrets,
    keep: options.keep,
    excerptOutputs: options.excerptOutputs,
    scanOutput: (command) => scanLargeText(`command:${command.id}`, command.output ?? ''),
    learnAlso: (r) => {
      for (const rec of recordings) recordingFindings.set(rec.sessionId, r.learn(rec.whole, scanLargeText(`session:${rec.sessionId}`, rec.whole)));
    },
  });
  const casts = options.casts
    ? recordings.map((rec, i) => ({
        sessionId: rec.sessionId,
        text: castRecording(rec, redactor, `${bundle.incident.title} — terminal ${i + 1}`, `Terminal ${i + 1} recording`, recordingFindings.get(rec.sessionId)),
      }))
    : [];
  return { bundle: casts.length > 0 ? { ...bundle, redaction: redactor.summary() } : bundle, findings: redactor.findings(), casts };
}
