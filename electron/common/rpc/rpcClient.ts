import { Emitter, type Disposable, type Event } from '../event';
import { decodeEventFrame } from './binaryFrame';
import type { MessageConnection, WireMessage } from './connection';
import type { ServiceContract, ServiceOf } from './defineService';
import { RpcError } from './rpcError';
import type { ClientMessage, HostMessage } from './protocol';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Subscription {
  service: string;
  event: string;
  arg: unknown;
  listener(value: unknown): void;
}

/**
 * The client end of the protocol: turns a contract into a typed proxy whose
 * methods send requests and whose events subscribe on first use. The underlying
 * connection can be replaced (`attach`) after a reconnect; live subscriptions are
 * then sent again, and calls that were in flight fail with E_DISCONNECTED so the
 * caller can retry.
 */
export class RpcClient implements Disposable {
  private nextId = 1;
  private connection: MessageConnection | undefined;
  private connectionListeners: Disposable[] = [];
  private readonly pending = new Map<number, PendingCall>();
  private readonly subscriptions = new Map<number, Subscription>();
  private readonly onDidFailSubscriptionEmitter = new Emitter<{ event: string; message: string }>();
  readonly onDidFailSubscription = this.onDidFailSubscriptionEmitter.event;

  constructor(connection?: MessageConnection) {
    if (connection) this.attach(connection);
  }

  attach(connection: MessageConnection): void {
    this.detach();
    this.connection = connection;
    this.connectionListeners = [
      connection.onDidReceiveMessage((text) => this.receive(text)),
      connection.onDidClose(() => this.detach()),
    ];
    for (const [id, subscription] of this.subscriptions) this.sendSubscribe(id, subscription);
  }

  getService<C extends ServiceContract>(contract: C): ServiceOf<C> {
    return this.getServiceByName<C>(contract.name);
  }

  /**
   * The service named `name`, typed by its interface alone: the page asks for its services so,
   * and never loads the contracts' schemas (zod), which only the host needs. A property is an
   * event when its name starts with `onDid` (as a contract's events must), else a method. An
   * event called with a function subscribes that listener; called with anything else it is an
   * event that takes an argument, and returns the event for that argument.
   */
  getServiceByName<C extends ServiceContract>(name: C['name']): ServiceOf<C> {
    const members = new Map<string, unknown>();
    const member = (key: string): unknown => {
      if (!key.startsWith('onDid')) return (...args: unknown[]) => this.call(name, key, args);
      return (argOrListener: unknown) => {
        const eventFor = (arg: unknown): Event<unknown> => (listener) => this.subscribe({ service: name, event: key, arg, listener });
        return typeof argOrListener === 'function' ? eventFor(undefined)(argOrListener as (value: unknown) => void) : eventFor(argOrListener);
      };
    };
    return new Proxy({} as Record<string, unknown>, {
      get: (_target, key) => {
        // Not a member: symbols (inspection), and `then`, so a service is never taken for a promise.
        if (typeof key !== 'string' || key === 'then') return undefined;
        if (!members.has(key)) members.set(key, member(key));
        return members.get(key);
      },
    }) as ServiceOf<C>;
  }

  dispose(): void {
    this.subscriptions.clear();
    this.detach();
    this.onDidFailSubscriptionEmitter.dispose();
  }

  private call(service: string, method: string, args: unknown[]): Promise<unknown> {
    const connection = this.connection;
    if (!connection) return Promise.reject(new RpcError('Not connected to the War Room host.', 'E_DISCONNECTED'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      connection.send(JSON.stringify({ t: 'req', id, s: service, m: method, a: args } satisfies ClientMessage));
    });
  }

  private subscribe(subscription: Subscription): Disposable {
    const id = this.nextId++;
    this.subscriptions.set(id, subscription);
    this.sendSubscribe(id, subscription);
    return {
      dispose: () => {
        if (!this.subscriptions.delete(id)) return;
        this.connection?.send(JSON.stringify({ t: 'unsub', id } satisfies ClientMessage));
      },
    };
  }

  private sendSubscribe(id: number, { service, event, arg }: Subscription): void {
    this.connection?.send(JSON.stringify({ t: 'sub', id, s: service, e: event, a: arg } satisfies ClientMessage));
  }

  private receive(wire: WireMessage): void {
    let message: HostMessage;
    if (typeof wire !== 'string') {
      const event = decodeEventFrame(wire);
      if (event) this.subscriptions.get(event.id)?.listener(event.v);
      return;
    }
    try {
      message = JSON.parse(wire) as HostMessage;
    } catch {
      return;
    }
    if (message.t === 'res') {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.ok) call.resolve(message.v);
      else call.reject(new RpcError(message.e.message, message.e.code));
    } else if (message.t === 'evt') {
      this.subscriptions.get(message.id)?.listener(message.v);
    } else if (message.t === 'subErr') {
      const subscription = this.subscriptions.get(message.id);
      this.subscriptions.delete(message.id);
      this.onDidFailSubscriptionEmitter.fire({ event: subscription?.event ?? '?', message: message.e.message });
    }
  }

  private detach(): void {
    for (const listener of this.connectionListeners) listener.dispose();
    this.connectionListeners = [];
    this.connection = undefined;
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const call of failed) call.reject(new RpcError('The connection to the War Room host was lost.', 'E_DISCONNECTED'));
  }
}
