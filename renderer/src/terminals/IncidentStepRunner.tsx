import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { usePlaceholderValues } from '../runbooks/placeholderValues';
import { StepRunnerProvider, type StepRunner, type StepRunRequest } from '../runbooks/stepRunner';
import { useHost } from '../host/hostContext';
import { useChangeConfirmation } from './changeConfirmation';
import { describeTarget } from './describeTarget';
import { sessionToTypeInto } from './sessionTarget';
import { useIncidentTerminals } from './incidentTerminals';
import { StepLastRun } from './StepLastRun';

interface Offer {
  reason: string;
  answer(newTab: boolean): void;
}

/**
 * The runner the runbook's steps use while an incident is open: Run types into the
 * incident's active terminal when its shell is idle at its prompt; when it is busy, nested
 * or cannot be captured, the responder is offered "Run in a new tab" instead.
 */
export function IncidentStepRunner({ children }: { children: ReactNode }) {
  const host = useHost();
  const terminals = useIncidentTerminals();
  const { values } = usePlaceholderValues();
  const [offer, setOffer] = useState<Offer | null>(null);
  const [confirmChanges, setConfirmChanges] = useChangeConfirmation(terminals.incidentId);
  // The runner object stays the same while tabs change; it reads the latest through refs.
  const latest = useRef({ terminals, values });
  latest.current = { terminals, values };

  const runner = useMemo<StepRunner>(() => {
    const run = async ({ step, runbookId, runbookHash, commands }: StepRunRequest) => {
      const { terminals: t, values: v } = latest.current;
      if (step.inside) {
        // Typed into the session the runbook opened (`oc rsh …`) when the tab is in it; never into
        // this machine's shell, where `ceph -s` or `chroot /host` would mean something else.
        const sessionId = sessionToTypeInto(t.active, step.inside.command, step.inside.line);
        for (const command of commands) await host.terminals.write(sessionId, `${command.replace(/\r?\n/g, '\r')}\r`);
        return;
      }
      const inputs: Record<string, string> = {};
      for (const name of new Set(step.commands.flatMap((c) => c.envInputs))) if (v[name]) inputs[name] = v[name];
      const request = { incidentId: t.incidentId, tabId: t.active?.tabId, runbookId, stepId: step.id, runbookHash, commands, inputs, size: t.preferredSize() };
      try {
        await host.terminals.runStep(request);
      } catch (error) {
        if ((error as { code?: string }).code !== 'E_BUSY') throw error;
        const newTab = await new Promise<boolean>((answer) => setOffer({ reason: (error as Error).message, answer }));
        setOffer(null);
        if (!newTab) throw new Error('Not run: the terminal was busy and you chose not to open a new tab.');
        await host.terminals.runStep({ ...request, newTab: true });
      }
    };
    return {
      describeTarget: (commands = []) => describeTarget(latest.current.terminals.active, commands, latest.current.values),
      confirmChanges,
      setConfirmChanges,
      run,
      ranMessage: 'Sent to the terminal.',
      sendToTerminal: async (text) => {
        const active = latest.current.terminals.active;
        const handle = active?.sessionId ? latest.current.terminals.handle(active.sessionId) : undefined;
        if (!handle) throw new Error('No terminal is open in this incident; open one with New terminal first.');
        handle.paste(text);
      },
      LastRun: StepLastRun,
    };
  }, [host, confirmChanges, setConfirmChanges]);

  return (
    <StepRunnerProvider runner={runner}>
      {!confirmChanges && (
        <p className="attach-bar" role="status">
          Change commands run without asking in this incident (destroy and unknown still ask).{' '}
          <button type="button" className="button button--small" onClick={() => setConfirmChanges(true)}>
            Ask again
          </button>
        </p>
      )}
      {children}
      {offer && <NewTabOffer offer={offer} />}
    </StepRunnerProvider>
  );
}

function NewTabOffer({ offer }: { offer: Offer }) {
  const runRef = useRef<HTMLButtonElement>(null);
  useEffect(() => runRef.current?.focus(), []);
  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="new-tab-offer-title" className="modal" onKeyDown={(e) => e.key === 'Escape' && offer.answer(false)}>
        <h2 id="new-tab-offer-title" className="modal__title">
          The terminal is busy
        </h2>
        <p>{offer.reason}</p>
        <p>War Room never types into a running program. It can run the step in a new terminal tab, in the same folder.</p>
        <div className="modal__actions">
          <button type="button" className="button" onClick={() => offer.answer(false)}>
            Cancel
          </button>
          <button type="button" className="button button--primary" ref={runRef} onClick={() => offer.answer(true)}>
            Run in a new tab
          </button>
        </div>
      </div>
    </div>
  );
}
