import { useCallback, useEffect, useState } from 'react';

/**
 * How the responder arranged the incident workspace: the runbook pane's width, the terminal's
 * share of the right column, the runbook hidden, the terminal maximized. Remembered on this
 * machine for this user (localStorage), for every incident.
 */
export interface WorkspaceLayout {
  /** Width of the runbook/panels column, in CSS pixels. */
  leftWidth: number;
  /**
   * The terminals' share of the right column's height (the timeline takes the rest), as the
   * responder dragged it; null until they do, and the default split applies (defaultTerminalsHeight).
   */
  terminalShare: number | null;
  runbookHidden: boolean;
  terminalMaximized: boolean;
}

const STORAGE_KEY = 'warroom.workspaceLayout.v1';
/** Narrower than this the runbook's commands wrap into illegibility. */
export const MIN_LEFT_WIDTH = 300;
/** The terminal keeps at least this much beside the runbook (about 80 columns). */
export const MIN_RIGHT_WIDTH = 560;
/** Neither the terminals nor the timeline shrink below a few rows. */
export const MIN_SHARE = 0.2;
export const MAX_SHARE = 0.85;

export const DEFAULT_SHARE = 0.6;
/** A terminal of 24 lines (xterm.js at 13 px: about 16 px a row) with its tab bar and padding. */
export const TERMINAL_24_LINES_PX = 24 * 16 + 44;
/** The timeline's toolbar and two of its rows, with the splitter: what it keeps by default. */
export const TIMELINE_KEEP_PX = 104;

export const DEFAULT_LAYOUT: WorkspaceLayout = { leftWidth: 480, terminalShare: null, runbookHidden: false, terminalMaximized: false };

/**
 * The terminals' height in a split of `span` pixels. The responder's own split wins; by default
 * the terminals get 60 %, and with the runbook hidden at small heights (1280×720) at least 24
 * lines — as long as the timeline keeps its toolbar and two rows.
 */
export function terminalsHeight(layout: WorkspaceLayout, span: number): number {
  if (layout.terminalShare !== null) return Math.round(span * layout.terminalShare);
  const share = Math.round(span * DEFAULT_SHARE);
  if (!layout.runbookHidden) return share;
  return Math.max(share, Math.min(TERMINAL_24_LINES_PX, Math.round(span * MAX_SHARE), span - TIMELINE_KEEP_PX));
}

function load(): WorkspaceLayout {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<WorkspaceLayout> | null;
    if (!stored || typeof stored !== 'object') return DEFAULT_LAYOUT;
    return {
      leftWidth: typeof stored.leftWidth === 'number' && Number.isFinite(stored.leftWidth) ? Math.max(MIN_LEFT_WIDTH, stored.leftWidth) : DEFAULT_LAYOUT.leftWidth,
      // Earlier versions stored the default share (0.6) though nobody dragged: not a choice.
      terminalShare: typeof stored.terminalShare === 'number' && stored.terminalShare !== DEFAULT_SHARE ? clamp(stored.terminalShare, MIN_SHARE, MAX_SHARE) : null,
      runbookHidden: stored.runbookHidden === true,
      terminalMaximized: stored.terminalMaximized === true,
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function useWorkspaceLayout(): [WorkspaceLayout, (change: Partial<WorkspaceLayout>) => void] {
  const [layout, setLayout] = useState<WorkspaceLayout>(load);
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(layout));
    } catch {
      // Private mode or a full disk: the layout still works for this session.
    }
  }, [layout]);
  const update = useCallback((change: Partial<WorkspaceLayout>) => setLayout((current) => ({ ...current, ...change })), []);
  return [layout, update];
}

/** An element's size, kept current by a ResizeObserver; 0×0 until it is laid out. */
export function useElementSize(element: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const measure = () => setSize((current) => (current.width === element.clientWidth && current.height === element.clientHeight ? current : { width: element.clientWidth, height: element.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return size;
}
