import { z } from 'zod';
import { defineService, type ServiceOf } from '../rpc/defineService';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** How the host runs: inside the Electron app, or as `warroom serve` for a browser. */
  host: z.enum(['electron', 'serve']),
  platform: z.string(),
  dataDir: z.string(),
  /** The user's login shell that new terminals start. */
  shell: z.string(),
  startedAt: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Heartbeat = z.object({
  /** The host's clock (ISO 8601), so clients can show how far their own clock is off. */
  now: z.string(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/** Facts about the running host, and a heartbeat that proves the event path end to end. */
export const AppServiceContract = defineService({
  name: 'app',
  methods: {
    getInfo: { args: z.tuple([]), result: AppInfo },
  },
  events: {
    onDidHeartbeat: { payload: Heartbeat },
  },
});
export type AppService = ServiceOf<typeof AppServiceContract>;
