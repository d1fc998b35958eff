import { z } from 'zod';

/**
 * The wire format shared by every transport. Requests and event subscriptions
 * name a service and a member; the host looks both up in the service's contract,
 * so there is no dispatch switch to keep in step with the interfaces.
 *
 * What a client sends is validated by the host (a browser tab is untrusted);
 * what the host sends is trusted by the client and only typed.
 */
export const ClientMessage = z.discriminatedUnion('t', [
  /** Call a method: `s` service, `m` method, `a` arguments. */
  z.object({ t: z.literal('req'), id: z.number().int(), s: z.string(), m: z.string(), a: z.array(z.unknown()) }),
  /** Subscribe to an event (`a` is the event's argument, e.g. an incident id). */
  z.object({ t: z.literal('sub'), id: z.number().int(), s: z.string(), e: z.string(), a: z.unknown().optional() }),
  z.object({ t: z.literal('unsub'), id: z.number().int() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export interface RpcErrorPayload {
  message: string;
  code: string;
}

export type HostMessage =
  /** A method's result, or its failure. */
  | { t: 'res'; id: number; ok: true; v?: unknown }
  | { t: 'res'; id: number; ok: false; e: RpcErrorPayload }
  /** One event delivered to subscription `id`. */
  | { t: 'evt'; id: number; v?: unknown }
  /** The host refused a subscription (unknown event, bad argument). */
  | { t: 'subErr'; id: number; e: RpcErrorPayload };
