import { useEffect, useRef } from 'react';
import type { MenuCommand, RunningCommandsAnswer } from '../../../electron/common/bridge';

export type MenuCommandHandlers = Partial<Record<MenuCommand, () => void>>;

/**
 * Runs the page's handler when the native menu (Electron only) sends a command, through the
 * bridge's `onMenuCommand` event: the component that owns a control registers its command
 * here, never a DOM lookup of someone else's button. In the browser console there is no
 * bridge and no native menu: it does nothing. Handlers may change every render; the
 * subscription stays.
 */
export function useMenuCommands(handlers: MenuCommandHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => window.warroomBridge?.onMenuCommand((command) => latest.current[command]?.()), []);
}

/**
 * Answers main's "is anything still running?" before the app quits (Electron
 * only). `count` is read when main asks, so it can come from live state.
 */
export function useRunningCommandsProvider(count: () => RunningCommandsAnswer | Promise<RunningCommandsAnswer>): void {
  const latest = useRef(count);
  latest.current = count;
  useEffect(() => window.warroomBridge?.provideRunningCommands(() => latest.current()), []);
}
