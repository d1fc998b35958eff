import { isUserError } from '../errors';
import type { Disposable } from '../event';
import { encodeEventFrame, isBytesPayload } from './binaryFrame';
import type { MessageConnection } from './connection';
import type { ServiceContract, ServiceOf } from './defineService';
import { RpcError } from './rpcError';
export { RpcError };
import { ClientMessage, type HostMessage, type RpcErrorPayload } from './protocol';

interface RegisteredService {
  contract: ServiceContract;
  /** A promise while the service is still loading (see {@link RpcServer.register}). */
  implementation: Record<string, unknown> | Promise<Record<string, unknown>>;
}

export interface RpcServerOptions {
  /** Where unexpected (non-user) errors go with their stack; the client only sees a one-line message. */
  logError?: (error: unknown, context: string) => void;
}

/**
 * Serves registered service implementations over any number of connections.
 * Every incoming message is parsed and validated against the service contract
 * before an implementation sees it: a client (a browser tab) is untrusted.
 */
export class RpcServer {
  private readonly services = new Map<string, RegisteredService>();

  constructor(private readonly options: RpcServerOptions = {}) {}

  /**
   * Serves `implementation` under its contract. It may be a promise: a service whose code
   * loads after the host answers its first calls (the terminals, the runbook library). Its
   * calls and subscriptions wait for it, validated first; if it fails to load, they fail
   * with the load's error.
   */
  register<C extends ServiceContract>(contract: C, implementation: ServiceOf<C> | Promise<ServiceOf<C>>): void {
    if (this.services.has(contract.name)) throw new Error(`service ${contract.name} registered twice`);
    if (implementation instanceof Promise) implementation.catch(() => undefined); // Reported at each use.
    this.services.set(contract.name, { contract, implementation: implementation as RegisteredService['implementation'] });
  }

  /** Serves one client until its connection closes; disposing detaches it early. */
  connect(connection: MessageConnection): Disposable {
    const subscriptions = new Map<number, Disposable>();
    const send = (message: HostMessage) => connection.send(JSON.stringify(message));

    const onMessage = connection.onDidReceiveMessage((text) => {
      // Clients send text only; anything else is not our protocol.
      const message = typeof text === 'string' ? parseClientMessage(text) : null;
      // Not our protocol: drop it rather than answer a stranger with details.
      if (!message) return;
      switch (message.t) {
        case 'req':
          void this.handleRequest(message.s, message.m, message.a).then(
            (v) => send({ t: 'res', id: message.id, ok: true, v }),
            (error: unknown) => send({ t: 'res', id: message.id, ok: false, e: this.toPayload(error, `${message.s}.${message.m}`) }),
          );
          return;
        case 'sub': {
          const fail = (error: unknown) => send({ t: 'subErr', id: message.id, e: this.toPayload(error, `${message.s}.${message.e}`) });
          try {
            subscriptions.get(message.id)?.dispose();
            const event = this.resolveEvent(message.s, message.e, message.a);
            const listener = (v: unknown) => (isBytesPayload(v) ? connection.send(encodeEventFrame(message.id, v)) : send({ t: 'evt', id: message.id, v }));
            subscriptions.set(message.id, event instanceof Promise ? subscribeWhenLoaded(event, listener, fail) : event(listener));
          } catch (error) {
            fail(error);
          }
          return;
        }
        case 'unsub':
          subscriptions.get(message.id)?.dispose();
          subscriptions.delete(message.id);
          return;
      }
    });

    const detach = () => {
      onMessage.dispose();
      onClose.dispose();
      for (const subscription of subscriptions.values()) subscription.dispose();
      subscriptions.clear();
    };
    const onClose = connection.onDidClose(detach);
    return { dispose: detach };
  }

  private lookup(serviceName: string): RegisteredService {
    const service = this.services.get(serviceName);
    if (!service) throw new RpcError(`Unknown service "${serviceName}".`, 'E_NO_SUCH_SERVICE');
    return service;
  }

  private async handleRequest(serviceName: string, methodName: string, rawArgs: unknown[]): Promise<unknown> {
    const { contract, implementation: loading } = this.lookup(serviceName);
    // Own properties only: "constructor" or "__proto__" must never reach an implementation.
    const spec = Object.hasOwn(contract.methods, methodName) ? contract.methods[methodName] : undefined;
    if (!spec) throw new RpcError(`Unknown method "${serviceName}.${methodName}".`, 'E_NO_SUCH_METHOD');
    const args = spec.args.safeParse(rawArgs);
    if (!args.success) {
      throw new RpcError(`Invalid arguments for ${serviceName}.${methodName}: ${summarizeIssues(args.error)}`, 'E_BAD_REQUEST');
    }
    const implementation = await loading;
    const method = implementation[methodName] as (...a: unknown[]) => Promise<unknown>;
    return method.apply(implementation, args.data as unknown[]);
  }

  /** The event to subscribe to, validated; a promise of it while its service loads. */
  private resolveEvent(serviceName: string, eventName: string, rawArg: unknown): EventOf | Promise<EventOf> {
    const { contract, implementation: loading } = this.lookup(serviceName);
    const events = contract.events as Record<string, { arg?: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: unknown } } }>;
    const spec = Object.hasOwn(events, eventName) ? events[eventName] : undefined;
    if (!spec) throw new RpcError(`Unknown event "${serviceName}.${eventName}".`, 'E_NO_SUCH_EVENT');
    let parsed: unknown;
    if (spec.arg) {
      const arg = spec.arg.safeParse(rawArg);
      if (!arg.success) throw new RpcError(`Invalid argument for ${serviceName}.${eventName}.`, 'E_BAD_REQUEST');
      parsed = arg.data;
    }
    const pick = (implementation: Record<string, unknown>): EventOf => {
      if (!spec.arg) return implementation[eventName] as EventOf;
      const factory = implementation[eventName] as (a: unknown) => EventOf;
      return factory.call(implementation, parsed);
    };
    return loading instanceof Promise ? loading.then(pick) : pick(loading);
  }

  private toPayload(error: unknown, context: string): RpcErrorPayload {
    if (error instanceof RpcError || isUserError(error)) {
      return { message: (error as Error).message, code: (error as RpcError).code ?? 'E_USER' };
    }
    this.options.logError?.(error, context);
    return { message: `Internal error in ${context}; see the host log for details.`, code: 'E_INTERNAL' };
  }
}

type EventOf = (listener: (v: unknown) => void) => Disposable;

/** Subscribes once the event's service has loaded; disposing before then cancels it. */
function subscribeWhenLoaded(event: Promise<EventOf>, listener: (v: unknown) => void, fail: (error: unknown) => void): Disposable {
  let inner: Disposable | undefined;
  let disposed = false;
  event.then(
    (subscribe) => {
      if (!disposed) inner = subscribe(listener);
    },
    (error: unknown) => {
      if (!disposed) fail(error);
    },
  );
  return {
    dispose() {
      disposed = true;
      inner?.dispose();
    },
  };
}

/** A protocol-level failure (unknown member, invalid payload): safe to show to the client. */

function parseClientMessage(text: string): ClientMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const result = ClientMessage.safeParse(json);
  return result.success ? result.data : null;
}

function summarizeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? `argument ${issue.path.map(String).join('.')}: ` : ''}${issue.message}`)
    .join('; ');
}
