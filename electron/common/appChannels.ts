/**
 * IPC channel names for the app shell (menus, dialogs, quitting) between
 * Electron main and the preload. The host's RPC never uses these: it runs over
 * a MessagePort (see hostChannels.ts).
 */
export const APP_CHANNELS = {
  /** main → preload: a native menu item was chosen; payload: a MenuCommand. */
  menuCommand: 'warroom:menu-command',
  /** main → preload: "is anything running?" before quitting; payload: a request id. */
  queryRunning: 'warroom:query-running',
  /** preload → main: the answer; payload: { id, answer: RunningCommandsAnswer }. */
  runningAnswer: 'warroom:running-answer',
  /** preload → main (invoke): a choose-folder dialog; resolves to a path or null. */
  showOpenFolderDialog: 'warroom:dialog-open-folder',
} as const;
