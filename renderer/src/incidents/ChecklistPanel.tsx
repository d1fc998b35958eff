import { useEffect, useState } from 'react';
import type { IncidentDetails } from '../../../electron/common/services/incidentService';
import type { RunbookDocument } from '../../../electron/common/services/runbookService';
import { useHost } from '../host/hostContext';

/** The attached runbooks' `- [ ]` items, ticked per incident; every tick goes on the timeline. */
export function ChecklistPanel({ details, runbooks, onError }: { details: IncidentDetails; runbooks: readonly RunbookDocument[]; onError: (message: string) => void }) {
  const host = useHost();
  // A tick shows at once; the recorded state replaces it when the host confirms (or refuses).
  const [optimistic, setOptimistic] = useState<ReadonlyMap<string, boolean>>(new Map());
  useEffect(() => setOptimistic(new Map()), [details.checklist]);
  const checked = new Set(details.checklist.filter((s) => s.checked).map((s) => `${s.runbookId}\n${s.itemId}`));
  for (const [key, value] of optimistic) {
    if (value) checked.add(key);
    else checked.delete(key);
  }
  const withItems = runbooks.filter((d) => d.runbook.checklist.length > 0);
  if (withItems.length === 0) return <p className="pane-message">The attached runbooks have no checklist items (`- [ ]`).</p>;
  return (
    <div className="checklist-panel">
      {withItems.map(({ runbook }) => {
        const sections = new Map(runbook.sections.map((s) => [s.id, s.title]));
        const done = runbook.checklist.filter((item) => checked.has(`${runbook.id}\n${item.id}`)).length;
        let lastSection: string | null | undefined;
        return (
          <section key={runbook.id} aria-label={`Checklist: ${runbook.title}`} className="checklist">
            <h3 className="checklist__title">
              {runbook.title} <span className="badge">{done}/{runbook.checklist.length}</span>
            </h3>
            <ul className="checklist__items">
              {runbook.checklist.map((item) => {
                const heading = item.sectionId !== lastSection ? (sections.get(item.sectionId ?? '') ?? null) : null;
                lastSection = item.sectionId;
                const isChecked = checked.has(`${runbook.id}\n${item.id}`);
                return (
                  <li key={item.id}>
                    {heading && <p className="checklist__section">{heading}</p>}
                    <label className={`checklist__item${isChecked ? ' checklist__item--done' : ''}`}>
                      <input
                        type="checkbox"
                        checked={isChecked}
                        onChange={(e) => {
                          const next = e.target.checked;
                          setOptimistic((current) => new Map(current).set(`${runbook.id}\n${item.id}`, next));
                          host.incidents.tickChecklist(details.incident.id, runbook.id, item.id, next).catch((error: Error) => {
                            setOptimistic(new Map());
                            onError(error.message);
                          });
                        }}
                      />
                      <span>{item.text}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
