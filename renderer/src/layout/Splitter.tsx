import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/** Arrow keys move a splitter by this much; with Shift, five times as far. */
const KEY_STEP_PX = 24;

/**
 * A pane divider (ARIA `separator`): drag it, or focus it and use the arrow keys (Home/End for
 * the limits). `value` is in pixels along the axis; the owner clamps and remembers it.
 */
export function Splitter({
  label,
  orientation,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  /** `vertical`: a vertical bar between columns (moves left/right). */
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}) {
  const drag = useRef<{ start: number; value: number } | null>(null);
  const axis = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? KEY_STEP_PX * 5 : KEY_STEP_PX;
    const less = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    const more = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    let next: number | null = null;
    if (e.key === less) next = value - step;
    else if (e.key === more) next = value + step;
    else if (e.key === 'Home') next = min;
    else if (e.key === 'End') next = max;
    if (next === null) return;
    e.preventDefault();
    onChange(Math.min(max, Math.max(min, next)));
  };
  return (
    <div
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={Math.round(max)}
      tabIndex={0}
      className={`splitter splitter--${orientation}`}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { start: axis(e), value };
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        onChange(Math.min(max, Math.max(min, drag.current.value + axis(e) - drag.current.start)));
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
    />
  );
}
