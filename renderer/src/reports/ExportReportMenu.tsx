import { useEffect, useRef, useState } from 'react';
import type { ReportFormat } from '../../../electron/common/services/reportService';
import { useMenuCommands } from '../host/useMenuCommands';
import { ExportDialog } from './ExportDialog';
import { FORMAT_LABELS } from './formatLabels';
import './reports.css';

const FORMATS = Object.keys(FORMAT_LABELS) as ReportFormat[];

/**
 * "Export report": a menu of formats; choosing one opens the dialog that previews what will be
 * redacted and writes the file. `utc` follows the console's UTC toggle, so the report states
 * the same zone the responder is looking at.
 */
export function ExportReportMenu({ incidentId, utc = false }: { incidentId: string; utc?: boolean }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ReportFormat | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  // File › Export report… in the native menu opens this menu (there is one while an incident is open).
  useMenuCommands({ 'export-report': () => setOpen(true) });

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  // The dialog gives the focus back to the button that opened it.
  const closeDialog = () => {
    setFormat(null);
    buttonRef.current?.focus();
  };

  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      setOpen(false);
      buttonRef.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (e.key === 'Tab') setOpen(false);
  };

  const choose = (f: ReportFormat) => {
    setOpen(false);
    setFormat(f);
  };

  return (
    <div className="export-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button button--small"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Export report
      </button>
      {open && (
        <div ref={menuRef} role="menu" aria-label="Export report" className="export-menu__list" onKeyDown={onMenuKey}>
          {FORMATS.map((f) => (
            <button key={f} type="button" role="menuitem" tabIndex={-1} className="export-menu__item" onClick={() => choose(f)}>
              {FORMAT_LABELS[f]}
            </button>
          ))}
        </div>
      )}
      {format && <ExportDialog incidentId={incidentId} format={format} timeZone={utc ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone} onClose={closeDialog} />}
    </div>
  );
}
