import { z } from 'zod';
import { defineService, type ServiceOf } from '../rpc/defineService';
import type { CommandRecord, StepRef } from '../incident/model';
import type { TerminalState } from '../terminal/model';

/**
 * A terminal tab of an incident as every client sees it: where it points (cwd, host,
 * Kubernetes context), whether its shell runs, and whether capture is on. A tab outlives its
 * shell: after a host restart it comes back with `ended` set and offers a new shell in the
 * same cwd (`restartTab`).
 */
export interface TerminalTabView {
  tabId: string;
  incidentId: string;
  title: string;
  position: number;
  active: boolean;
  /** The live shell session, or null when the tab's shell has ended. */
  sessionId: string | null;
  /** Why the tab has no shell, in words ("The shell ended with the host."); null while it runs. */
  ended: string | null;
  state: TerminalState;
  cwd: string | null;
  /** The machine commands run on: this host's name, or the target of an open ssh session. */
  host: string;
  /** kubectl's current context (and namespace) as this host's kubeconfig says, when there is one. */
  kubeContext: string | null;
  kubeNamespace: string | null;
  shell: string | null;
  /** Shell integration works: commands are recorded. False shows the "capture off" badge. */
  captureOn: boolean;
  /** The responder paused capture in this tab (an event on the timeline says when). */
  capturePaused: boolean;
  /** The command running now (the outer command of a nested session), or null at a prompt. */
  runningCommand: string | null;
}

/** One command of a step run: the stored record's fields as far as the shell got with it. */
export type StepRunCommand = Pick<CommandRecord, 'commandLine' | 'exitCode' | 'endedAt'> & {
  /** The stored record's id once the shell started it. */
  commandId: string | null;
  startedAt: number | null;
};

/** One press of Run on a step: its commands, typed one at a time, each its own record. */
export interface StepRun {
  runId: string;
  incidentId: string;
  tabId: string;
  sessionId: string;
  step: StepRef;
  status: 'running' | 'succeeded' | 'failed' | 'stopped';
  commands: StepRunCommand[];
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  /** The last finished command's exit code. */
  exitCode: number | null;
  /** The tail of the last finished command's output, as the user saw it. */
  outputPreview: string | null;
  /** Why the run stopped early, in words; null while it runs or when every command passed. */
  message: string | null;
}

/** A command starting or finishing in one of the incident's terminals (typed or from a step). */
export type TerminalCommandEvent = Pick<CommandRecord, 'incidentId' | 'sessionId' | 'commandLine' | 'cwd' | 'startedAt' | 'step' | 'exitCode'> & {
  phase: 'started' | 'finished';
  /** The stored record's id. */
  commandId: string;
  tabId: string | null;
  durationMs: number | null;
};

/**
 * Output for one client's view of one session, as UTF-8 bytes (a binary frame on the wire,
 * `term.write(bytes)` in the page). `data` is live output; `snapshot` replaces the screen (the
 * client resets its terminal first): it comes on subscribing, after the client fell more than
 * the high watermark behind, and when the client asks for a `redraw`. Every byte of both is
 * acknowledged with `ack` once xterm has parsed it.
 */
export interface TerminalOutput {
  kind: 'data' | 'snapshot';
  data: Uint8Array;
}

const Id = z.string().min(1).max(200);
const Size = z.object({ cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) });
/** Keystrokes and pastes; a paste bigger than this is refused rather than flooding the shell. */
const MAX_WRITE_CHARS = 1_000_000;

export const RunStepRequest = z.object({
  incidentId: Id,
  /** The tab to type into; defaults to the incident's active tab. */
  tabId: Id.optional(),
  /** Open a new tab for this run (the answer to "Run in a new tab"). */
  newTab: z.boolean().optional(),
  runbookId: Id,
  stepId: Id,
  runbookHash: z.string().max(200),
  /** The commands as they will run: placeholders already filled in by the client. */
  commands: z.array(z.string().min(1).max(100_000)).min(1).max(100),
  /** Inputs typed for this step (`DATABASE_URL`), exported into the shell but never recorded. */
  inputs: z.record(z.string().max(200), z.string().max(100_000)).optional(),
  /** New tab size, when a tab has to be opened. */
  size: Size.optional(),
});
export type RunStepRequest = z.input<typeof RunStepRequest>;

export const TerminalServiceContract = defineService({
  name: 'terminals',
  methods: {
    /** The incident's tabs in order; tabs whose shell ended say so. */
    listTabs: { args: z.tuple([Id]), result: z.custom<TerminalTabView[]>() },
    /** Opens a tab with a new shell (the user's $SHELL) and makes it active. */
    openTab: { args: z.tuple([Id, Size.extend({ cwd: z.string().max(4096).optional() })]), result: z.custom<TerminalTabView>() },
    /** A new shell in a tab whose shell ended, in the cwd it had. */
    restartTab: { args: z.tuple([Id, Size]), result: z.custom<TerminalTabView>() },
    renameTab: { args: z.tuple([Id, z.string().min(1).max(200)]), result: z.custom<TerminalTabView>() },
    /** Ends the tab's shell and everything it started. */
    closeTab: { args: z.tuple([Id]), result: z.null() },
    activateTab: { args: z.tuple([Id]), result: z.null() },
    /** Pauses (true) or resumes capture in a tab; each is an event on the timeline. */
    setCapturePaused: { args: z.tuple([Id, z.boolean()]), result: z.custom<TerminalTabView>() },
    /** Keystrokes or a paste from the user. */
    write: { args: z.tuple([Id, z.string().max(MAX_WRITE_CHARS)]), result: z.null() },
    resize: { args: z.tuple([Id, z.number().int().min(2).max(1000), z.number().int().min(1).max(500)]), result: z.null() },
    /** The client with `clientId` drew `bytes` more of the session's output. */
    ack: { args: z.tuple([Id, Id, z.number().int().min(0)]), result: z.null() },
    /**
     * The client dropped output it could not draw in time (a flood): it gets a snapshot of
     * the current screen instead (the record on the host is whole anyway).
     */
    redraw: { args: z.tuple([Id, Id]), result: z.null() },
    /**
     * Runs a step's commands one at a time in a tab whose shell sits idle at its prompt,
     * stopping at the first non-zero exit. Resolves once the first command is typed;
     * progress comes on `onDidChangeStepRun`. Refused (E_BUSY) when the tab is busy, nested
     * or without capture: the client offers "Run in a new tab" (`newTab: true`).
     */
    runStep: { args: z.tuple([RunStepRequest]), result: z.custom<StepRun>() },
    /** The latest run of each step in the incident (those of this host's lifetime first). */
    listStepRuns: { args: z.tuple([Id]), result: z.custom<StepRun[]>() },
  },
  events: {
    onDidOutput: { arg: z.object({ sessionId: Id, clientId: Id }), payload: z.custom<TerminalOutput>() },
    /** The incident's tabs changed (opened, closed, renamed, state, cwd, shell ended). */
    onDidChangeTabs: { arg: Id, payload: z.custom<TerminalTabView[]>() },
    onDidChangeCommand: { arg: Id, payload: z.custom<TerminalCommandEvent>() },
    onDidChangeStepRun: { arg: Id, payload: z.custom<StepRun>() },
  },
});
export type TerminalService = ServiceOf<typeof TerminalServiceContract>;
