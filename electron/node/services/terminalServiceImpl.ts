import { existsSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { UserError } from '../../common/errors';
import { Emitter, type Disposable, type Event } from '../../common/event';
import type {
  RunStepRequest,
  StepRun,
  TerminalCommandEvent,
  TerminalOutput,
  TerminalService,
  TerminalTabView,
} from '../../common/services/terminalService';
import { shellKindOf } from '../terminal/shellIntegration';
import type { IncidentStore } from '../store/incidentStore';
import { PtyHost } from '../terminal/ptyHost';
import { ClientStreams } from './terminals/clientStreams';
import { CommandRecorder } from './terminals/commandRecorder';
import { KubeContextReader } from './terminals/kubeContext';
import { sshTarget } from './terminals/sshTarget';
import { StepExecutor } from './terminals/stepExecutor';
import { TerminalTabs, type TabEntry } from './terminals/terminalTabs';
import { lastRunsFromRecords } from './terminals/stepRunHistory';

export interface TerminalServiceOptions {
  store: IncidentStore;
  /** Defaults to a PtyHost of its own, ended on dispose. */
  ptys?: PtyHost;
  /** The user's shell for new tabs; defaults to `$SHELL`. */
  shell?: string;
  /** Environment of new shells; defaults to the host's. */
  env?: Record<string, string>;
  kube?: KubeContextReader;
  logError?: (error: unknown, context: string) => void;
}

/** Shell for "Run in a new tab" when the user's own shell has no integration to capture with. */
const CAPTURING_FALLBACK_SHELL = '/bin/bash';
/** Environment names a shell can export; anything else in the incident's inputs is a placeholder value. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The TerminalService: incident tabs over the pty host, every command recorded in the store,
 * runbook steps run safely, and each client's output stream under flow control.
 */
export class TerminalServiceImpl implements TerminalService, Disposable {
  private readonly store: IncidentStore;
  private readonly ptys: PtyHost;
  private readonly ownsPtys: boolean;
  private readonly tabs: TerminalTabs;
  private readonly recorder: CommandRecorder;
  private readonly streams: ClientStreams;
  private readonly executor: StepExecutor;
  private readonly kube: KubeContextReader;
  private readonly hostName = hostname();
  private readonly shell: string | undefined;
  private readonly env: Record<string, string> | undefined;
  private readonly logError: (error: unknown, context: string) => void;
  private readonly listeners: Disposable[] = [];
  /** Latest run of each step, per incident, this host's lifetime. */
  private readonly runs = new Map<string, Map<string, StepRun>>();

  private readonly tabsEmitter = new Emitter<{ incidentId: string; tabs: TerminalTabView[] }>();
  private readonly commandEmitter = new Emitter<TerminalCommandEvent>();
  private readonly runEmitter = new Emitter<StepRun>();

  constructor(options: TerminalServiceOptions) {
    this.store = options.store;
    this.ownsPtys = !options.ptys;
    this.ptys = options.ptys ?? new PtyHost();
    this.shell = options.shell;
    this.env = options.env;
    this.kube = options.kube ?? new KubeContextReader();
    this.logError = options.logError ?? ((error, context) => console.error(`[terminals] ${context}`, error));
    this.tabs = new TerminalTabs(this.store, this.logError);
    this.recorder = new CommandRecorder(
      this.store,
      this.ptys,
      (id) => this.tabs.bySession(id)?.tabId ?? null,
      this.logError,
      // Captured commands run in this host's own shell (markers come from it), so on this machine.
      (id) => ({ terminal: this.tabs.bySession(id)?.title ?? null, host: this.hostName }),
    );
    this.streams = new ClientStreams(this.ptys);
    this.executor = new StepExecutor(this.ptys, this.recorder, (run) => this.publishRun(run));
    this.listeners.push(
      this.recorder.onDidChangeCommand(({ engineId: _engineId, ...event }) => {
        this.commandEmitter.fire(event);
        // The tab shows what runs in it (and an ssh session's host).
        this.publishTabsOf(event.sessionId);
      }),
      this.ptys.onDidChangeState(({ sessionId }) => this.publishTabsOf(sessionId)),
      this.ptys.onDidChangeCwd(({ sessionId, cwd }) => {
        const tab = this.tabs.bySession(sessionId);
        if (!tab) return;
        tab.cwd = cwd;
        this.tabs.save(tab.incidentId);
        this.publishTabs(tab.incidentId);
      }),
      this.ptys.onDidExit(({ sessionId, exitCode, signal }) => {
        const tab = this.tabs.bySession(sessionId);
        if (!tab) return;
        tab.sessionId = null;
        tab.ended = signal ? `The shell was ended (signal ${signal}).` : `The shell exited${exitCode ? ` with ${exitCode}` : ''}.`;
        this.tabs.save(tab.incidentId);
        this.publishTabs(tab.incidentId);
      }),
    );
  }

  // ---- tabs ------------------------------------------------------------------------------

  async listTabs(incidentId: string): Promise<TerminalTabView[]> {
    return this.views(incidentId);
  }

  async openTab(incidentId: string, options: { cols: number; rows: number; cwd?: string }): Promise<TerminalTabView> {
    const tab = this.openTabEntry(incidentId, options);
    return this.view(tab);
  }

  async restartTab(tabId: string, size: { cols: number; rows: number }): Promise<TerminalTabView> {
    const tab = this.tabs.get(tabId);
    if (tab.sessionId) throw new UserError(`${tab.title} still has its shell; close it first to start another.`, 'E_INVALID');
    const cwd = tab.cwd && existsSync(tab.cwd) ? tab.cwd : homedir();
    const session = this.spawn(tab.incidentId, cwd, size);
    tab.sessionId = session.id;
    tab.cwd = session.cwd;
    tab.ended = null;
    tab.capturePaused = false;
    this.tabs.activate(tabId);
    this.publishTabs(tab.incidentId);
    return this.view(tab);
  }

  async renameTab(tabId: string, title: string): Promise<TerminalTabView> {
    const tab = this.tabs.get(tabId);
    tab.title = title.trim() || tab.title;
    this.tabs.save(tab.incidentId);
    this.publishTabs(tab.incidentId);
    return this.view(tab);
  }

  async closeTab(tabId: string): Promise<null> {
    const tab = this.tabs.get(tabId);
    const sessionId = tab.sessionId;
    tab.sessionId = null; // Its exit is not news: the tab is going.
    this.tabs.remove(tabId);
    this.publishTabs(tab.incidentId);
    if (sessionId) await this.ptys.kill(sessionId).catch(() => undefined);
    return null;
  }

  async activateTab(tabId: string): Promise<null> {
    const tab = this.tabs.activate(tabId);
    this.publishTabs(tab.incidentId);
    return null;
  }

  async setCapturePaused(tabId: string, paused: boolean): Promise<TerminalTabView> {
    const tab = this.tabs.get(tabId);
    if (!tab.sessionId) throw new UserError(`${tab.title} has no running shell to capture.`, 'E_INVALID');
    if (tab.capturePaused !== paused) {
      tab.capturePaused = paused;
      this.recorder.setPaused(tab.sessionId, paused);
      await this.store.appendEvent(tab.incidentId, { kind: paused ? 'capture.paused' : 'capture.resumed', payload: { sessionId: tab.sessionId } });
      this.publishTabs(tab.incidentId);
    }
    return this.view(tab);
  }

  // ---- input and output ------------------------------------------------------------------

  async write(sessionId: string, data: string): Promise<null> {
    this.ptys.write(sessionId, data);
    return null;
  }

  async resize(sessionId: string, cols: number, rows: number): Promise<null> {
    this.ptys.resize(sessionId, cols, rows);
    return null;
  }

  async ack(sessionId: string, clientId: string, bytes: number): Promise<null> {
    this.streams.ack(sessionId, clientId, bytes);
    return null;
  }

  async redraw(sessionId: string, clientId: string): Promise<null> {
    this.streams.redraw(sessionId, clientId);
    return null;
  }

  onDidOutput = ({ sessionId, clientId }: { sessionId: string; clientId: string }): Event<TerminalOutput> => {
    return (listener) => this.streams.attach(sessionId, clientId, listener);
  };

  onDidChangeTabs = (incidentId: string): Event<TerminalTabView[]> => {
    return (listener) => this.tabsEmitter.event((e) => e.incidentId === incidentId && listener(e.tabs));
  };

  onDidChangeCommand = (incidentId: string): Event<TerminalCommandEvent> => {
    return (listener) => this.commandEmitter.event((e) => e.incidentId === incidentId && listener(e));
  };

  onDidChangeStepRun = (incidentId: string): Event<StepRun> => {
    return (listener) => this.runEmitter.event((e) => e.incidentId === incidentId && listener(e));
  };

  // ---- steps -----------------------------------------------------------------------------

  async runStep(request: RunStepRequest): Promise<StepRun> {
    const { incidentId } = request;
    const size = request.size ?? { cols: 120, rows: 32 };
    let tab: TabEntry | undefined;
    if (request.newTab) {
      const current = request.tabId ? this.tabs.get(request.tabId) : this.tabs.active(incidentId);
      tab = this.openTabEntry(incidentId, { ...size, cwd: current?.cwd ?? undefined }, this.stepShell());
    } else {
      tab = request.tabId ? this.tabs.get(request.tabId) : this.tabs.active(incidentId);
      // The first step of an incident with no terminal yet opens one.
      tab ??= this.openTabEntry(incidentId, size);
    }
    if (tab.incidentId !== incidentId) throw new UserError(`Terminal tab ${tab.tabId} belongs to another incident.`, 'E_INVALID');
    if (!tab.sessionId) throw new UserError(`Cannot run the step in ${tab.title}: its shell has ended. Use "Run in a new tab".`, 'E_BUSY');
    const inputs = this.inputsFor(incidentId, request.inputs ?? {});
    return this.executor.start(
      { incidentId, step: { runbookId: request.runbookId, stepId: request.stepId, runbookHash: request.runbookHash }, commands: request.commands, inputs },
      { tabId: tab.tabId, sessionId: tab.sessionId },
    );
  }

  async listStepRuns(incidentId: string): Promise<StepRun[]> {
    const live = this.runs.get(incidentId) ?? new Map<string, StepRun>();
    const stored = lastRunsFromRecords(incidentId, this.store.listCommands(incidentId), (id) => this.tabs.bySession(id)?.tabId ?? '',
      (id) => this.ptys.list(incidentId).some((s) => s.id === id),
    );
    return [...live.values(), ...stored.filter((r) => !live.has(stepKey(r)))];
  }

  /** Ends every shell of an incident (it was closed). Tabs stay, saying their shell ended. */
  async closeIncident(incidentId: string): Promise<void> {
    await this.ptys.disposeIncident(incidentId);
  }

  /** Waits until every record and output row so far is handed to the store. */
  settled(): Promise<void> {
    return this.recorder.settled();
  }

  async dispose(): Promise<void> {
    // Shells end with the host: each incident that had some says so on its timeline.
    const recorded: Promise<unknown>[] = [];
    for (const incidentId of this.tabs.incidents()) {
      const live = this.tabs.list(incidentId).filter((t) => t.sessionId !== null).length;
      if (live > 0) recorded.push(this.store.appendEvent(incidentId, { kind: 'host.stopped', payload: { shellsEnded: live } }).catch((error: unknown) => this.logError(error, 'recording the host stop')));
    }
    await Promise.all(recorded);
    for (const l of this.listeners.splice(0)) l.dispose();
    this.streams.dispose();
    this.recorder.dispose();
    this.tabsEmitter.dispose();
    this.commandEmitter.dispose();
    this.runEmitter.dispose();
    return this.ownsPtys ? this.ptys.dispose() : Promise.resolve();
  }

  // ---- internals -------------------------------------------------------------------------

  private openTabEntry(incidentId: string, options: { cols: number; rows: number; cwd?: string }, shell?: string): TabEntry {
    this.tabs.list(incidentId); // Throws for an unknown incident before a shell starts.
    const session = this.spawn(incidentId, options.cwd ?? homedir(), options, shell);
    const tab = this.tabs.add(incidentId, { sessionId: session.id, cwd: session.cwd });
    this.publishTabs(incidentId);
    return tab;
  }

  private spawn(incidentId: string, cwd: string, size: { cols: number; rows: number }, shell = this.shell) {
    const session = this.ptys.create({ incidentId, cwd, cols: size.cols, rows: size.rows, shell, env: this.env });
    this.recorder.track(session.id, incidentId);
    return session;
  }

  /** The user's shell when it can be captured, else bash: a step's record needs integration. */
  private stepShell(): string | undefined {
    const shell = this.shell || process.env.SHELL;
    return shell && shellKindOf(shell) !== 'other' ? shell : CAPTURING_FALLBACK_SHELL;
  }

  private inputsFor(incidentId: string, typed: Record<string, string>): Record<string, string> {
    const inputs: Record<string, string> = {};
    const all = { ...this.store.getShellVariables(incidentId), ...typed };
    for (const [name, value] of Object.entries(all)) if (ENV_NAME.test(name)) inputs[name] = value;
    return inputs;
  }

  private view(tab: TabEntry): TerminalTabView {
    const session = tab.sessionId ? this.ptys.list(tab.incidentId).find((s) => s.id === tab.sessionId) : undefined;
    // At its prompt a shell runs nothing, whatever the recorder has still to finish writing
    // (after a flood it files the command a second or so after the prompt is back).
    const running = session && session.state !== 'idle' ? this.recorder.running(session.id) : null;
    const kube = this.kube.read();
    const tabs = this.tabs.list(tab.incidentId);
    return {
      tabId: tab.tabId,
      incidentId: tab.incidentId,
      title: tab.title,
      position: tabs.indexOf(tab),
      active: tab.active,
      sessionId: session?.id ?? null,
      ended: session ? null : (tab.ended ?? 'The shell has ended.'),
      state: session?.state ?? 'exited',
      cwd: session?.cwd ?? tab.cwd,
      host: (session?.state === 'nested' && running && sshTarget(running)) || this.hostName,
      kubeContext: kube?.context ?? null,
      kubeNamespace: kube?.namespace ?? null,
      shell: session?.shell ?? null,
      captureOn: session?.captureOn ?? false,
      capturePaused: tab.capturePaused,
      runningCommand: running,
    };
  }

  private views(incidentId: string): TerminalTabView[] {
    return this.tabs.list(incidentId).map((t) => this.view(t));
  }

  private publishTabs(incidentId: string): void {
    if (this.tabsEmitter.hasListeners) this.tabsEmitter.fire({ incidentId, tabs: this.views(incidentId) });
  }

  private publishTabsOf(sessionId: string): void {
    const tab = this.tabs.bySession(sessionId);
    if (tab) this.publishTabs(tab.incidentId);
  }

  private publishRun(run: StepRun): void {
    let runs = this.runs.get(run.incidentId);
    if (!runs) this.runs.set(run.incidentId, (runs = new Map()));
    runs.set(stepKey(run), run);
    this.runEmitter.fire(run);
  }
}

function stepKey(run: StepRun): string {
  return `${run.step.runbookId}\u0000${run.step.stepId}`;
}
