import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { Runbook, Step, Template } from '../../../electron/common/runbook/model';
import type { RunbookDocument } from '../../../electron/common/services/runbookService';
import { renderRunbookMarkdown } from './renderRunbookMarkdown';
import { StepCard } from './StepCard';

interface CodeSlot {
  element: HTMLElement;
  start: number;
  end: number;
}

/**
 * A runbook as its authors wrote it — the Markdown rendered faithfully — with
 * every code block turned into its steps (or its template) in place.
 */
export function RunbookView({ document }: { document: RunbookDocument }) {
  const { runbook, source, summary } = document;
  const html = useMemo(() => renderRunbookMarkdown(source), [source]);
  const container = useRef<HTMLDivElement>(null);
  const [slots, setSlots] = useState<CodeSlot[]>([]);

  useLayoutEffect(() => {
    const elements = container.current?.querySelectorAll<HTMLElement>('[data-code-block]') ?? [];
    setSlots([...elements].map((element) => ({ element, start: Number(element.dataset.lineStart), end: Number(element.dataset.lineEnd) })));
  }, [html]);
  useRememberedScroll(container, runbook.id, slots);

  const errors = runbook.diagnostics.filter((d) => d.level !== 'info');
  return (
    <article className="runbook" aria-label={`Runbook: ${runbook.title}`}>
      <header className="runbook__header">
        <p className="runbook__path" title={summary.path}>
          {summary.path}
        </p>
        {errors.length > 0 && (
          <details className="runbook__diagnostics" open={errors.some((d) => d.level === 'error')}>
            <summary>{errors.length === 1 ? '1 problem in this runbook' : `${errors.length} problems in this runbook`}</summary>
            <ul>
              {errors.map((d, i) => (
                <li key={i} className={`diagnostic diagnostic--${d.level}`}>
                  line {d.line}: {d.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </header>
      <div ref={container} className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
      {slots.map((slot) => createPortal(<CodeBlock runbook={runbook} slot={slot} runbookHash={summary.contentHash} source={source} />, slot.element, `${slot.start}`))}
    </article>
  );
}

/** Where each runbook was read to, for this page's life (and across a reload, in sessionStorage). */
const scrollPositions = new Map<string, number>();
const storageKey = (id: string) => `warroom.runbookScroll.${id}`;

/** The element that scrolls the runbook: `.main` alone, or the incident workspace's panel. */
function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let el = element.parentElement; el; el = el.parentElement) {
    const { overflowY } = getComputedStyle(el);
    if (overflowY === 'auto' || overflowY === 'scroll') return el;
  }
  return null;
}

function savedPosition(id: string): number {
  const remembered = scrollPositions.get(id);
  if (remembered !== undefined) return remembered;
  try {
    return Number(sessionStorage.getItem(storageKey(id))) || 0;
  } catch {
    return 0;
  }
}

/**
 * Going back to a runbook returns to where it was read: each runbook keeps its scroll
 * position. Restored once its steps are in place (they give the page its height).
 */
function useRememberedScroll(container: RefObject<HTMLDivElement | null>, runbookId: string, slots: readonly CodeSlot[]): void {
  const restoredFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    const element = container.current;
    const scroller = element ? scrollParent(element) : null;
    if (!scroller) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        scrollPositions.set(runbookId, scroller.scrollTop);
        try {
          sessionStorage.setItem(storageKey(runbookId), String(Math.round(scroller.scrollTop)));
        } catch {
          // Storage full or refused: the position lives for this page only.
        }
      });
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [container, runbookId]);
  useLayoutEffect(() => {
    if (restoredFor.current === runbookId) return;
    const element = container.current;
    const scroller = element ? scrollParent(element) : null;
    if (!scroller) return;
    // Wait for the steps: until they are in place the page is shorter than it will be.
    if (!element || (slots.length === 0 && element.querySelector('[data-code-block]')) || slots.some((slot) => !element.contains(slot.element))) return;
    restoredFor.current = runbookId;
    scroller.scrollTop = savedPosition(runbookId);
  }, [container, runbookId, slots]);
}

function CodeBlock({ runbook, slot, runbookHash, source }: { runbook: Runbook; slot: CodeSlot; runbookHash: string; source: string }) {
  const inBlock = (line: number) => line >= slot.start && line <= slot.end;
  const steps: Step[] = runbook.steps.filter((step) => inBlock(step.line));
  const template: Template | undefined = runbook.templates.find((t) => inBlock(t.line));
  if (steps.length) {
    return (
      <div className="code-block">
        {steps.map((step) => (
          <StepCard key={step.id} step={step} runbookId={runbook.id} runbookHash={runbookHash} />
        ))}
      </div>
    );
  }
  if (template) {
    return (
      <div className="template-block">
        <p className="template-block__label">{template.kind === 'report' ? 'Report template' : 'Communication template'}</p>
        <pre>
          <code>{template.body}</code>
        </pre>
      </div>
    );
  }
  // Sample output and other code that is no step: shown as written.
  const lines = source.split('\n').slice(slot.start - 1, slot.end);
  const body = /^\s*(```|~~~)/.test(lines[0] ?? '') ? lines.slice(1, /^\s*(```|~~~)/.test(lines.at(-1) ?? '') ? -1 : undefined) : lines;
  return (
    <pre className="code-block--plain">
      <code>{body.join('\n')}</code>
    </pre>
  );
}
