/** IPC channel names between Electron main and the preload; the RPC itself runs over a MessagePort. */
export const HOST_CHANNELS = {
  /** main → preload: the first MessagePort to the host. */
  port: 'warroom:host-port',
  /** main → preload: the host died; a new port follows when it is back. */
  hostExit: 'warroom:host-exit',
  /** main → preload: a new MessagePort to the restarted host. */
  hostReady: 'warroom:host-ready',
} as const;
