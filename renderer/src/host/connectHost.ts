import type { WarroomBridge } from '../../../electron/common/bridge';
import { Emitter, type Event } from '../../../electron/common/event';
import type { MessageConnection, WireMessage } from '../../../electron/common/rpc/connection';
import { RpcClient } from '../../../electron/common/rpc/rpcClient';
import type { AppServiceContract, AppService } from '../../../electron/common/services/appService';
import type { IncidentServiceContract, IncidentService } from '../../../electron/common/services/incidentService';
import type { ReportServiceContract, ReportService } from '../../../electron/common/services/reportService';
import type { RunbookServiceContract, RunbookService } from '../../../electron/common/services/runbookService';
import type { SyncServiceContract, SyncService } from '../../../electron/common/services/syncService';
import type { TerminalServiceContract, TerminalService } from '../../../electron/common/services/terminalService';
import { openWebSocketConnection } from './webSocketTransport';

declare global {
  interface Window {
    warroomBridge?: WarroomBridge;
  }
}

export type ConnectionState =
  /** First attempt in progress. */
  | 'connecting'
  | 'connected'
  /** Was connected, lost the host; retrying. */
  | 'reconnecting'
  /** The host refuses us: this page was opened without the URL's token. */
  | 'unauthorized'
  /** Was connected; the host came back with a new token (a restarted `warroom serve`): this page cannot rejoin it. */
  | 'restarted';

export interface HostConnection {
  readonly kind: 'electron' | 'browser';
  readonly app: AppService;
  readonly runbooks: RunbookService;
  readonly terminals: TerminalService;
  readonly incidents: IncidentService;
  readonly reports: ReportService;
  readonly sync: SyncService;
  readonly state: ConnectionState;
  readonly onDidChangeState: Event<ConnectionState>;
}

/** Why these: the first retry is quick (a host restart takes ~1 s), then back off to 5 s. */
const RETRY_INITIAL_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * The renderer's one way to the host: the Electron bridge when the preload put
 * one on `window`, else a WebSocket to the `warroom serve` that served this page
 * (its cookie carries the token). Either way the page gets the same typed
 * services, and reconnects by itself.
 */
export function connectHost(): HostConnection {
  const client = new RpcClient();
  const stateEmitter = new Emitter<ConnectionState>();
  let state: ConnectionState = 'connecting';
  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    stateEmitter.fire(next);
  };

  const bridge = window.warroomBridge;
  if (bridge) {
    client.attach(bridgeConnection(bridge));
    state = 'connected';
    bridge.onHostExit(() => setState('reconnecting'));
    bridge.onHostReady(() => {
      client.attach(bridgeConnection(bridge));
      setState('connected');
    });
  } else {
    void keepWebSocketOpen(client, setState, () => state);
  }

  return {
    kind: bridge ? 'electron' : 'browser',
    app: client.getServiceByName<typeof AppServiceContract>('app'),
    runbooks: client.getServiceByName<typeof RunbookServiceContract>('runbooks'),
    terminals: client.getServiceByName<typeof TerminalServiceContract>('terminals'),
    incidents: client.getServiceByName<typeof IncidentServiceContract>('incidents'),
    reports: client.getServiceByName<typeof ReportServiceContract>('reports'),
    sync: client.getServiceByName<typeof SyncServiceContract>('sync'),
    get state() {
      return state;
    },
    onDidChangeState: stateEmitter.event,
  };
}

async function keepWebSocketOpen(client: RpcClient, setState: (s: ConnectionState) => void, getState: () => ConnectionState): Promise<void> {
  const url = new URL('rpc', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  let delay = RETRY_INITIAL_MS;
  for (;;) {
    try {
      const connection = await openWebSocketConnection(url.href);
      client.attach(connection);
      setState('connected');
      delay = RETRY_INITIAL_MS;
      await new Promise<void>((resolve) => connection.onDidClose(() => resolve()));
      setState('reconnecting');
    } catch {
      // Refused or unreachable: ask the host which, without the WebSocket's opaque 1006.
      // A host that refuses a page it served before was restarted: its token is new.
      if (await isUnauthorized()) setState(getState() === 'connecting' || getState() === 'unauthorized' ? 'unauthorized' : 'restarted');
      else if (getState() !== 'connecting') setState('reconnecting');
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  }
}

async function isUnauthorized(): Promise<boolean> {
  try {
    const response = await fetch(new URL('api/session', window.location.href), { cache: 'no-store' });
    return response.status === 401;
  } catch {
    return false; // The host is down, not refusing.
  }
}

function bridgeConnection(bridge: WarroomBridge): MessageConnection {
  const close = new Emitter<void>();
  const message = new Emitter<WireMessage>();
  const offMessage = bridge.onMessage((wire) => message.fire(wire));
  const offExit = bridge.onHostExit(() => {
    offMessage();
    offExit();
    close.fire();
  });
  return {
    // The page only ever sends text (requests, subscriptions).
    send: (wire) => typeof wire === 'string' && bridge.send(wire),
    onDidReceiveMessage: message.event,
    onDidClose: close.event,
    close: () => {},
  };
}
