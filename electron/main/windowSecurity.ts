import { app, session, shell, type WebContents } from 'electron';

/**
 * Electron's security checklist, applied to every web contents the app ever
 * creates: the console loads only its own files, never navigates, never opens
 * windows, never embeds webviews, and never grants a permission.
 */
export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links in runbooks (dashboards) open in the user's browser, never in the app.
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Only our own bundled page may talk to main over IPC. */
export function isTrustedSender(frame: { url: string } | null | undefined, rendererIndexUrl: string): boolean {
  return !!frame && frame.url.split('#')[0] === rendererIndexUrl;
}
