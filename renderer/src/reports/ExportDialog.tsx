import { useEffect, useId, useState } from 'react';
import type { RedactionFinding } from '../../../electron/common/report/redaction';
import type { ReportFormat } from '../../../electron/common/services/reportService';
import { useHost } from '../host/hostContext';
import { useHostData } from '../host/useHostData';
import { FORMAT_LABELS } from './formatLabels';
import { saveExport } from './saveExport';

/**
 * Before anything is written: what will be redacted, grouped by the rule that found it (with
 * counts), each distinct secret once with where it appears and an excerpt in which every
 * secret is masked, and a "keep" box for the rare value that must stay readable (a test token
 * someone needs to revoke). Export writes the file with the choices applied; a kept secret is
 * recorded on the timeline. The preview covers everything any format can carry (whole outputs,
 * terminal recordings), so the same choices hold whichever format is written.
 */
export function ExportDialog({ incidentId, format, timeZone, onClose }: { incidentId: string; format: ReportFormat; timeZone: string; onClose: () => void }) {
  const host = useHost();
  const headingId = useId();
  const preview = useHostData(() => host.reports.previewRedactions(incidentId), [host, incidentId]);
  const pdf = useHostData(() => (format === 'pdf' ? host.reports.pdfSupport() : Promise.resolve({ available: true, message: null })), [host, format]);
  const [keep, setKeep] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !busy && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, busy]);

  const findings = preview.data?.findings ?? [];
  const unavailable = pdf.data && !pdf.data.available ? pdf.data.message : null;

  const exportNow = () => {
    setBusy(true);
    setError(null);
    host.reports.export(incidentId, format, { timeZone, keep: [...keep] }).then(
      (file) => {
        saveExport(file);
        setBusy(false);
        setDone(file.fileName);
      },
      (e: Error) => {
        setBusy(false);
        setError(e.message);
      },
    );
  };

  const toggle = (finding: RedactionFinding, kept: boolean) =>
    setKeep((current) => {
      const next = new Set(current);
      if (kept) next.add(finding.id);
      else next.delete(finding.id);
      return next;
    });

  const redactedCount = findings.filter((f) => !keep.has(f.id)).length;
  const groups = groupByRule(findings);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby={headingId} className="modal export-dialog">
        <h2 id={headingId} className="modal__title">
          Export report — {FORMAT_LABELS[format]}
        </h2>
        <p className="export-dialog__zone">Times in {timeZone}.</p>
        {preview.error ? (
          <p className="modal__error" role="alert">
            {preview.error}
          </p>
        ) : !preview.data ? (
          <p aria-busy="true">Looking for secrets…</p>
        ) : findings.length === 0 ? (
          <p className="export-dialog__none">No secrets found to redact.</p>
        ) : (
          <>
            <p>
              {redactedCount === findings.length
                ? `${findings.length} secret${findings.length === 1 ? '' : 's'} will be redacted as [REDACTED:kind]. Tick “keep” only for a value that must stay readable.`
                : `${redactedCount} of ${findings.length} secrets will be redacted; ${findings.length - redactedCount} kept in clear.`}
            </p>
            <ul className="export-dialog__findings" aria-label="Redactions">
              {groups.map((group) => (
                <li key={group.kind} className="finding-group">
                  <div className="finding-group__head">
                    <span className="finding__kind">{group.label}</span>
                    <span className="finding__count">
                      {group.findings.length} secret{group.findings.length === 1 ? '' : 's'}, {group.count}× in all
                    </span>
                  </div>
                  <ul className="finding-group__items" aria-label={`${group.label}: secrets`}>
                    {group.findings.map((f) => (
                      <li key={f.id} className={keep.has(f.id) ? 'finding finding--kept' : 'finding'}>
                        <div className="finding__head">
                          <code className="finding__excerpt">{f.excerpt}</code>
                          <span className="finding__count">{f.count}×</span>
                          <label className="finding__keep">
                            <input type="checkbox" checked={keep.has(f.id)} onChange={(e) => toggle(f, e.target.checked)} aria-label={`Keep ${f.label} in clear (${f.excerpt})`} /> keep
                          </label>
                        </div>
                        <div className="finding__where">{f.where.join(' · ')}</div>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
        {unavailable && (
          <p className="modal__error" role="alert">
            {unavailable}
          </p>
        )}
        {error && (
          <p className="modal__error" role="alert">
            {error}
          </p>
        )}
        {done && (
          <p className="export-dialog__done" role="status">
            Saved {done}.
          </p>
        )}
        <div className="modal__actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {done ? 'Close' : 'Cancel'}
          </button>
          <button type="button" className="button button--primary" onClick={exportNow} disabled={busy || !preview.data || !!unavailable}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </div>
  );
}

interface FindingGroup {
  kind: string;
  label: string;
  count: number;
  findings: RedactionFinding[];
}

/** Findings by the rule that found them, in order of first appearance. */
function groupByRule(findings: readonly RedactionFinding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    let group = groups.get(f.kind);
    if (!group) groups.set(f.kind, (group = { kind: f.kind, label: f.label, count: 0, findings: [] }));
    group.count += f.count;
    group.findings.push(f);
  }
  return [...groups.values()];
}
