import { createContext, useContext, type ComponentType, type ReactNode } from 'react';
import { copyText } from '../components/copyText';
import type { Step } from '../../../electron/common/runbook/model';

export interface StepRunRequest {
  step: Step;
  runbookId: string;
  /** sha256 of the runbook file: the version the record will point back to. */
  runbookHash: string;
  /** The commands as they will run: placeholders filled in. */
  commands: string[];
}

/**
 * What the step buttons do. The console provides the terminal-backed runner when
 * an incident is open; without one, Run and Send to terminal copy the command and
 * say so.
 */
export interface StepRunner {
  /** Where commands go, in words, for the confirmation dialog ("terminal 1 in /srv"); `commands` as they will run. */
  describeTarget(commands?: string[]): string;
  /** Whether `change` commands still ask first (the user may turn that off per incident). */
  confirmChanges: boolean;
  /** Turns the question for `change` commands off (or on) for this incident, where a runner can. */
  setConfirmChanges?(ask: boolean): void;
  run(request: StepRunRequest): Promise<void>;
  /** What the step says after Run succeeded. */
  readonly ranMessage: string;
  sendToTerminal(text: string): Promise<void>;
  /** Shows a step's last run (exit code, duration, output) and whether it runs now. */
  LastRun?: ComponentType<{ runbookId: string; stepId: string }>;
}

export const clipboardRunner: StepRunner = {
  describeTarget: () => 'nowhere yet: with no incident open, the command is copied to the clipboard',
  confirmChanges: true,
  run: ({ commands }) => copyText(commands.join('\n')),
  ranMessage: 'No incident is open, so nothing ran: the command is on the clipboard. Start a New incident to run steps in its terminal.',
  sendToTerminal: copyText,
};

const StepRunnerContext = createContext<StepRunner>(clipboardRunner);

export function StepRunnerProvider({ runner, children }: { runner: StepRunner; children: ReactNode }) {
  return <StepRunnerContext.Provider value={runner}>{children}</StepRunnerContext.Provider>;
}

export const useStepRunner = () => useContext(StepRunnerContext);
