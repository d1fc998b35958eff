import type { TerminalTab } from '../../../common/incident/model';
import { ulid } from '../../../common/ulid';
import { UserError } from '../../../common/errors';
import type { IncidentStore } from '../../store/incidentStore';

/** A tab as the host keeps it: the saved layout plus what only this host's lifetime knows. */
export interface TabEntry {
  tabId: string;
  incidentId: string;
  title: string;
  active: boolean;
  sessionId: string | null;
  cwd: string | null;
  /** Why there is no shell, or null while one runs. */
  ended: string | null;
  capturePaused: boolean;
}

/** What a tab whose shell belonged to an earlier run of the host says. */
export const ENDED_WITH_HOST = 'The shell ended when the War Room host stopped. Open a new shell here to carry on in the same folder.';

/**
 * The incidents' terminal tab layout: loaded from the store on first use, saved back on every
 * change (order, titles, active tab, cwd), so a restarted host brings the tabs back.
 */
export class TerminalTabs {
  private readonly byIncident = new Map<string, TabEntry[]>();
  private readonly incidentOfTab = new Map<string, string>();

  constructor(
    private readonly store: IncidentStore,
    private readonly logError: (error: unknown, context: string) => void,
  ) {}

  list(incidentId: string): TabEntry[] {
    let tabs = this.byIncident.get(incidentId);
    if (!tabs) {
      if (!this.store.getIncident(incidentId)) throw new UserError(`Incident ${incidentId} does not exist; open one from the incident list.`, 'E_NOT_FOUND');
      // Every saved shell died with the previous host: its tab says so and offers a new one.
      const saved = this.store.getTerminalTabs(incidentId);
      const hadShells = saved.filter((t) => t.sessionId !== null).length;
      // The timeline says so too, once: the stop may have been a crash that recorded nothing.
      if (hadShells > 0) {
        this.store.appendEvent(incidentId, { kind: 'host.started', payload: { shellsEnded: hadShells } }).catch((error: unknown) => this.logError(error, 'recording the host start'));
      }
      tabs = saved.map((t) => ({
        tabId: t.id,
        incidentId,
        title: t.title,
        active: t.active,
        sessionId: null,
        cwd: t.cwd,
        ended: ENDED_WITH_HOST,
        capturePaused: false,
      }));
      this.byIncident.set(incidentId, tabs);
      for (const tab of tabs) this.incidentOfTab.set(tab.tabId, incidentId);
    }
    return tabs;
  }

  get(tabId: string): TabEntry {
    const incidentId = this.incidentOfTab.get(tabId);
    const tab = incidentId ? this.list(incidentId).find((t) => t.tabId === tabId) : undefined;
    if (!tab) throw new UserError(`Terminal tab ${tabId} does not exist (it may have been closed).`, 'E_NOT_FOUND');
    return tab;
  }

  bySession(sessionId: string): TabEntry | undefined {
    for (const tabs of this.byIncident.values()) {
      const tab = tabs.find((t) => t.sessionId === sessionId);
      if (tab) return tab;
    }
    return undefined;
  }

  add(incidentId: string, fields: { sessionId: string; cwd: string }): TabEntry {
    const tabs = this.list(incidentId);
    const used = new Set(tabs.map((t) => t.title));
    let n = tabs.length + 1;
    while (used.has(`Terminal ${n}`)) n++;
    const tab: TabEntry = { tabId: `tab-${ulid()}`, incidentId, title: `Terminal ${n}`, active: true, ended: null, capturePaused: false, ...fields };
    for (const t of tabs) t.active = false;
    tabs.push(tab);
    this.incidentOfTab.set(tab.tabId, incidentId);
    this.save(incidentId);
    return tab;
  }

  remove(tabId: string): TabEntry {
    const tab = this.get(tabId);
    const tabs = this.list(tab.incidentId);
    const index = tabs.indexOf(tab);
    tabs.splice(index, 1);
    this.incidentOfTab.delete(tabId);
    if (tab.active && tabs.length) (tabs[Math.min(index, tabs.length - 1)] as TabEntry).active = true;
    this.save(tab.incidentId);
    return tab;
  }

  activate(tabId: string): TabEntry {
    const tab = this.get(tabId);
    for (const t of this.list(tab.incidentId)) t.active = t === tab;
    this.save(tab.incidentId);
    return tab;
  }

  active(incidentId: string): TabEntry | undefined {
    const tabs = this.list(incidentId);
    return tabs.find((t) => t.active) ?? tabs[0];
  }

  /** Saves the layout after a change to a tab's fields. */
  save(incidentId: string): void {
    const tabs = this.byIncident.get(incidentId);
    if (!tabs) return;
    const layout: TerminalTab[] = tabs.map((t, position) => ({ id: t.tabId, sessionId: t.sessionId, title: t.title, cwd: t.cwd, position, active: t.active }));
    this.store.saveTerminalTabs(incidentId, layout).catch((error: unknown) => this.logError(error, 'saving the terminal tab layout'));
  }

  incidents(): string[] {
    return [...this.byIncident.keys()];
  }
}
