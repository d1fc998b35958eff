import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../../../../electron/common/errors';
import { Emitter } from '../../../../../electron/common/event';
import { defineService, type ServiceOf } from '../../../../../electron/common/rpc/defineService';
import { createMemoryConnectionPair } from '../../../../../electron/common/rpc/memoryConnection';
import { RpcClient } from '../../../../../electron/common/rpc/rpcClient';
import { RpcServer } from '../../../../../electron/common/rpc/rpcServer';

const CounterContract = defineService({
  name: 'counter',
  methods: {
    add: { args: z.tuple([z.number().int(), z.number().int()]), result: z.number() },
    fail: { args: z.tuple([z.string()]), result: z.void() },
    crash: { args: z.tuple([]), result: z.void() },
  },
  events: {
    onDidCount: { payload: z.number() },
    onDidCountFor: { payload: z.string(), arg: z.string().min(1) },
    onDidPrint: { payload: z.custom<{ kind: string; data: Uint8Array }>() },
  },
});
type CounterService = ServiceOf<typeof CounterContract>;

function setup() {
  const counted = new Emitter<number>();
  const countedFor = new Emitter<{ key: string; value: string }>();
  const printed = new Emitter<{ kind: string; data: Uint8Array }>();
  const implementation: CounterService = {
    add: async (a, b) => a + b,
    fail: async (why) => {
      throw new UserError(`cannot do that: ${why}`, 'E_NOPE');
    },
    crash: async () => {
      throw new TypeError('secret internals');
    },
    onDidCount: counted.event,
    onDidCountFor: (key) => (listener) => countedFor.event((e) => e.key === key && listener(e.value)),
    onDidPrint: printed.event,
  };
  const logged: string[] = [];
  const server = new RpcServer({ logError: (error, context) => logged.push(`${context}: ${(error as Error).message}`) });
  server.register(CounterContract, implementation);
  const [hostEnd, clientEnd] = createMemoryConnectionPair();
  server.connect(hostEnd);
  const client = new RpcClient(clientEnd);
  return { service: client.getService(CounterContract), client, counted, countedFor, printed, logged, hostEnd, clientEnd };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RPC derived from a service contract', () => {
  it('calls methods and returns their results', async () => {
    const { service } = setup();
    await expect(service.add(2, 3)).resolves.toBe(5);
  });

  it('rejects invalid arguments at the boundary, before the implementation runs', async () => {
    const { clientEnd } = setup();
    const replies: string[] = [];
    clientEnd.onDidReceiveMessage((m) => replies.push(m as string));
    clientEnd.send(JSON.stringify({ t: 'req', id: 7, s: 'counter', m: 'add', a: [1, 'two'] }));
    clientEnd.send(JSON.stringify({ t: 'req', id: 8, s: 'counter', m: 'constructor', a: [] }));
    clientEnd.send(JSON.stringify({ t: 'req', id: 9, s: 'nope', m: 'add', a: [] }));
    clientEnd.send('not json at all');
    await tick();
    await tick();
    const parsed = replies.map((r) => JSON.parse(r));
    expect(parsed.find((r) => r.id === 7)).toMatchObject({ ok: false, e: { code: 'E_BAD_REQUEST' } });
    expect(parsed.find((r) => r.id === 8)).toMatchObject({ ok: false, e: { code: 'E_NO_SUCH_METHOD' } });
    expect(parsed.find((r) => r.id === 9)).toMatchObject({ ok: false, e: { code: 'E_NO_SUCH_SERVICE' } });
    expect(parsed).toHaveLength(3);
  });

  it('passes user errors through and hides internal ones', async () => {
    const { service, logged } = setup();
    await expect(service.fail('no')).rejects.toMatchObject({ message: 'cannot do that: no', code: 'E_NOPE' });
    const internal = (await service.crash().catch((e: unknown) => e)) as Error;
    expect(internal.message).not.toContain('secret internals');
    expect(internal).toMatchObject({ code: 'E_INTERNAL' });
    expect(logged).toEqual(['counter.crash: secret internals']);
  });

  it('delivers events to subscribers until they unsubscribe', async () => {
    const { service, counted } = setup();
    const seen: number[] = [];
    const subscription = service.onDidCount((n) => seen.push(n));
    await tick();
    counted.fire(1);
    counted.fire(2);
    await tick();
    subscription.dispose();
    await tick();
    counted.fire(3);
    await tick();
    expect(seen).toEqual([1, 2]);
    expect(counted.hasListeners).toBe(false);
  });

  it('sends an event that carries bytes as one binary frame, the bytes as they are', async () => {
    const { service, printed, clientEnd } = setup();
    const wire: (string | Uint8Array)[] = [];
    clientEnd.onDidReceiveMessage((m) => wire.push(m));
    const seen: { kind: string; data: Uint8Array }[] = [];
    service.onDidPrint((v) => seen.push(v));
    await tick();
    const bytes = new TextEncoder().encode('é\u001b[31m{"not":"json"}\r\n');
    printed.fire({ kind: 'data', data: bytes });
    await tick();
    expect(wire).toHaveLength(1);
    expect(wire[0]).toBeInstanceOf(Uint8Array);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.kind).toBe('data');
    expect(Array.from(seen[0]!.data)).toEqual(Array.from(bytes));
  });

  it('narrows events by their validated argument', async () => {
    const { service, countedFor, client } = setup();
    const seen: string[] = [];
    const failures: string[] = [];
    client.onDidFailSubscription((f) => failures.push(f.event));
    service.onDidCountFor('a')((v) => seen.push(v));
    service.onDidCountFor('')(() => seen.push('never'));
    await tick();
    countedFor.fire({ key: 'a', value: 'for a' });
    countedFor.fire({ key: 'b', value: 'for b' });
    await tick();
    expect(seen).toEqual(['for a']);
    expect(failures).toEqual(['onDidCountFor']);
  });

  it('fails calls in flight when the connection drops, and resubscribes after a reconnect', async () => {
    const counted = new Emitter<number>();
    const server = new RpcServer();
    let release!: () => void;
    server.register(CounterContract, {
      add: () => new Promise<number>((resolve) => (release = () => resolve(0))),
      fail: async () => {},
      crash: async () => {},
      onDidCount: counted.event,
      onDidCountFor: () => () => ({ dispose() {} }),
      onDidPrint: () => ({ dispose() {} }),
    });
    const [hostEnd, clientEnd] = createMemoryConnectionPair();
    server.connect(hostEnd);
    const client = new RpcClient(clientEnd);
    const service = client.getService(CounterContract);
    const seen: number[] = [];
    service.onDidCount((n) => seen.push(n));
    const inFlight = service.add(1, 1);
    await tick();
    clientEnd.close();
    await expect(inFlight).rejects.toMatchObject({ code: 'E_DISCONNECTED' });
    release();
    expect(counted.hasListeners).toBe(false);

    const [hostEnd2, clientEnd2] = createMemoryConnectionPair();
    server.connect(hostEnd2);
    client.attach(clientEnd2);
    await tick();
    counted.fire(42);
    await tick();
    expect(seen).toEqual([42]);
  });
});

describe('a service whose code is still loading', () => {
  function lazySetup() {
    const counted = new Emitter<number>();
    let load!: (implementation: CounterService) => void;
    let failLoad!: (error: Error) => void;
    const loading = new Promise<CounterService>((resolve, reject) => {
      load = resolve;
      failLoad = reject;
    });
    const logged: string[] = [];
    const server = new RpcServer({ logError: (error, context) => logged.push(`${context}: ${(error as Error).message}`) });
    server.register(CounterContract, loading);
    const [hostEnd, clientEnd] = createMemoryConnectionPair();
    server.connect(hostEnd);
    const service = new RpcClient(clientEnd).getService(CounterContract);
    const implementation: CounterService = {
      add: async (a, b) => a + b,
      fail: async () => {},
      crash: async () => {},
      onDidCount: counted.event,
      onDidCountFor: () => () => ({ dispose() {} }),
      onDidPrint: () => ({ dispose() {} }),
    };
    return { service, counted, logged, load: () => load(implementation), failLoad };
  }

  it('answers calls and starts subscriptions made meanwhile once it has loaded', async () => {
    const s = lazySetup();
    const seen: number[] = [];
    s.service.onDidCount((n) => seen.push(n));
    const sum = s.service.add(2, 3);
    await tick();
    expect(s.counted.hasListeners).toBe(false);
    s.load();
    expect(await sum).toBe(5);
    await tick();
    s.counted.fire(7);
    await tick();
    expect(seen).toEqual([7]);
  });

  it('still refuses a bad call at once, before the service is there', async () => {
    const s = lazySetup();
    await expect(s.service.add(1.5 as number, 1)).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
  });

  it('fails calls with one line, and logs why, when the service cannot load', async () => {
    const s = lazySetup();
    const sum = s.service.add(1, 1);
    s.failLoad(new Error('cannot load the terminals'));
    await expect(sum).rejects.toMatchObject({ code: 'E_INTERNAL', message: 'Internal error in counter.add; see the host log for details.' });
    expect(s.logged).toEqual(['counter.add: cannot load the terminals']);
  });
});

describe('a service asked for by name (the page never loads the contracts)', () => {
  it('calls methods and subscribes to events with and without an argument', async () => {
    const { client, counted, countedFor } = setup();
    const service = client.getServiceByName<typeof CounterContract>('counter');
    await expect(service.add(4, 5)).resolves.toBe(9);
    await expect(service.fail('x')).rejects.toMatchObject({ code: 'E_NOPE' });
    const seen: unknown[] = [];
    const all = service.onDidCount((n) => seen.push(n));
    const forA = service.onDidCountFor('a')((v) => seen.push(`a:${v}`));
    await tick();
    counted.fire(1);
    countedFor.fire({ key: 'b', value: 'no' });
    countedFor.fire({ key: 'a', value: 'yes' });
    await tick();
    expect(seen).toEqual([1, 'a:yes']);
    all.dispose();
    forA.dispose();
  });

  it('is never taken for a promise', async () => {
    const { client } = setup();
    const service = client.getServiceByName<typeof CounterContract>('counter');
    expect((service as unknown as { then?: unknown }).then).toBeUndefined();
    await expect(Promise.resolve(service)).resolves.toBe(service);
  });
});
