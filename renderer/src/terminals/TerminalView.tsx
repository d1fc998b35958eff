import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import { browserClock } from '../host/clock';
import { useHost } from '../host/hostContext';
import { useIncidentTerminals } from './incidentTerminals';
import { TerminalFeed } from './terminalFeed';

/**
 * Acknowledgements go to the host when the page is idle (at the latest after this long):
 * during a flood the host then sends only as fast as the page has time to spare, so
 * clicks and typing elsewhere keep their turn instead of queueing behind terminal output.
 */
const ACK_MAX_DELAY_MS = 250;
/** Lines a responder can scroll back in the browser; the record keeps the whole output anyway. */
const SCROLLBACK_LINES = 5_000;

const THEME = {
  background: '#0d1117',
  foreground: '#e6edf3',
  cursor: '#e6edf3',
  selectionBackground: '#264f78',
};

export interface TerminalViewProps {
  sessionId: string;
  visible: boolean;
  /** Search text from the pane's find box; each change looks for the next match. */
  search?: { text: string; seq: number };
}

/**
 * One session's xterm.js terminal. Output comes as UTF-8 bytes under flow control: every byte
 * is acknowledged once xterm has parsed it (its write callback) or the feed dropped it, so a
 * flood pauses this view at the host's watermark and resumes with a snapshot, instead of
 * queueing here.
 */
export function TerminalView({ sessionId, visible, search }: TerminalViewProps) {
  const host = useHost();
  const { register, setError } = useIncidentTerminals();
  const containerRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<{ term: Terminal; fit: FitAddon; search: SearchAddon; feed: TerminalFeed } | null>(null);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const term = new Terminal({
      allowProposedApi: true,
      scrollback: SCROLLBACK_LINES,
      fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      theme: THEME,
      cursorBlink: true,
    });
    const fit = new FitAddon();
    const searchAddon = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(searchAddon);
    // Links open outside the console: never navigate the console's own window away.
    term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(container);

    const copySelection = () => {
      const text = term.getSelection();
      if (text) void navigator.clipboard.writeText(text).catch(() => undefined);
    };
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.shiftKey && e.code === 'KeyC') {
        copySelection();
        return false;
      }
      // Let the browser paste (xterm brackets it when the program asked for that).
      if (mod && e.shiftKey && e.code === 'KeyV') return false;
      if (e.metaKey && e.code === 'KeyV') return false;
      // Ctrl+C copies only while text is selected; otherwise it interrupts, as in any terminal.
      if (mod && !e.shiftKey && e.code === 'KeyC' && term.hasSelection()) {
        copySelection();
        term.clearSelection();
        return false;
      }
      return true;
    });

    const report = (e: unknown) => setError(`The terminal lost its connection to the host: ${(e as Error).message}`);
    const input = term.onData((data) => void host.terminals.write(sessionId, data).catch(report));
    const binary = term.onBinary((data) => void host.terminals.write(sessionId, data).catch(report));
    const resized = term.onResize(({ cols, rows }) => void host.terminals.resize(sessionId, cols, rows).catch(() => undefined));

    const clientId = crypto.randomUUID();
    let pendingAck = 0;
    let ackHandle: number | undefined;
    const acknowledge = (bytes: number) => {
      pendingAck += bytes;
      ackHandle ??= requestIdleCallback(
        () => {
          ackHandle = undefined;
          const n = pendingAck;
          pendingAck = 0;
          void host.terminals.ack(sessionId, clientId, n).catch(() => undefined);
        },
        { timeout: ACK_MAX_DELAY_MS },
      );
    };
    // Output is parsed in slices under a per-frame budget; what the page cannot draw in time
    // is dropped for a redraw of the current screen (terminalFeed.ts).
    const feed = new TerminalFeed(
      { write: (data, parsed) => term.write(data, parsed), reset: () => term.reset() },
      browserClock,
      {
        release: acknowledge,
        requestRedraw: () => void host.terminals.redraw(sessionId, clientId).catch(() => undefined),
      },
    );
    feed.setVisible(visibleRef.current);
    termRef.current = { term, fit, search: searchAddon, feed };
    const output = host.terminals.onDidOutput({ sessionId, clientId })((message) => feed.push(message));

    const unregister = register(sessionId, {
      paste: (text) => {
        term.paste(text);
        term.focus();
      },
      focus: () => term.focus(),
      size: () => ({ cols: term.cols, rows: term.rows }),
    });

    const fitNow = () => {
      if (container.offsetParent === null) return; // Hidden tab: fit when shown.
      try {
        fit.fit();
      } catch {
        // Not laid out yet.
      }
    };
    const observer = new ResizeObserver(() => fitNow());
    observer.observe(container);
    fitNow();
    // The shell starts at the size the tab was opened with; tell it the real one.
    void host.terminals.resize(sessionId, term.cols, term.rows).catch(() => undefined);

    return () => {
      observer.disconnect();
      unregister();
      output.dispose();
      feed.dispose();
      if (ackHandle !== undefined) cancelIdleCallback(ackHandle);
      input.dispose();
      binary.dispose();
      resized.dispose();
      termRef.current = null;
      term.dispose();
    };
  }, [host, sessionId, register, setError]);

  const shownBefore = useRef(false);
  useEffect(() => {
    const t = termRef.current;
    t?.feed.setVisible(visible);
    if (!visible || !t) return;
    try {
      t.fit.fit();
    } catch {
      // Not laid out yet.
    }
    const first = !shownBefore.current;
    shownBefore.current = true;
    // Focus follows a terminal the user switches to or opens. One that appears by itself (the
    // first terminal of a new incident, once its shell is up) must not take the keys from a
    // note or a step the user went to meanwhile.
    const active = document.activeElement;
    const busyElsewhere = first && active !== null && active !== document.body && !active.closest('.terminals');
    if (!busyElsewhere) t.term.focus();
  }, [visible]);

  useEffect(() => {
    const t = termRef.current;
    if (!t || !search || !visible) return;
    if (search.text) t.search.findNext(search.text, { caseSensitive: false });
    else t.search.clearDecorations();
  }, [search, visible]);

  return <div ref={containerRef} className="terminal-view" hidden={!visible} data-session-id={sessionId} />;
}
