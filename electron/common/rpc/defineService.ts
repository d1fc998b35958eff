import type { z } from 'zod';
import type { Event } from '../event';

/**
 * A service is declared once, as a contract: its methods (argument tuple and
 * result schemas) and its `onDidX` events (payload schema, and optionally the
 * schema of an argument that narrows the stream, such as an incident id).
 * `ServiceOf<typeof Contract>` is the TypeScript interface that the host
 * implements and that every client receives, so the interface, the runtime
 * validation and both transports can never drift apart.
 */
export interface MethodSpec {
  args: z.ZodTuple<readonly z.ZodType[], z.ZodType | null>;
  result: z.ZodType;
}

export interface EventSpec {
  payload: z.ZodType;
  arg?: z.ZodType;
}

export interface ServiceContract<
  M extends Record<string, MethodSpec> = Record<string, MethodSpec>,
  E extends Record<`onDid${string}`, EventSpec> = Record<`onDid${string}`, EventSpec>,
  N extends string = string,
> {
  name: N;
  methods: M;
  events: E;
}

export function defineService<
  const M extends Record<string, MethodSpec>,
  const E extends Record<`onDid${string}`, EventSpec>,
  const N extends string,
>(contract: { name: N; methods: M; events: E }): ServiceContract<M, E, N> {
  return contract;
}

type MethodsOf<M extends Record<string, MethodSpec>> = {
  [K in keyof M]: (...args: z.input<M[K]['args']>) => Promise<z.output<M[K]['result']>>;
};

type EventsOf<E extends Record<string, EventSpec>> = {
  [K in keyof E]: E[K]['arg'] extends z.ZodType
    ? (arg: z.input<E[K]['arg']>) => Event<z.output<E[K]['payload']>>
    : Event<z.output<E[K]['payload']>>;
};

/** The interface a contract stands for: what the host implements and clients call. */
export type ServiceOf<C> =
  C extends ServiceContract<infer M, infer E> ? MethodsOf<M> & EventsOf<E> : never;
