import { useEffect, useRef, useState } from 'react';
import { moved } from './rules-draft';

interface Props {
  /** what the list orders, for its name and its buttons' names ("the precedence", "firstName's order") */
  what: string;
  systems: string[];
  canEdit: boolean;
  systemName(key: string): string;
  onChange(next: string[]): void;
}

/**
 * Systems in order, highest first. Admins reorder with "up" and "down" buttons (keyboard and screen readers work;
 * no drag and drop): focus follows the moved system, so pressing the same button again keeps moving it.
 */
export function OrderList({ what, systems, canEdit, systemName, onChange }: Props) {
  const list = useRef<HTMLOListElement>(null);
  const [focus, setFocus] = useState<{ system: string; dir: 'up' | 'down' } | null>(null);
  useEffect(() => {
    if (!focus || !list.current) return;
    const pick = (dir: string) => list.current!.querySelector<HTMLButtonElement>(`button[data-move="${focus.system}:${dir}"]:not(:disabled)`);
    (pick(focus.dir) ?? pick(focus.dir === 'up' ? 'down' : 'up'))?.focus();
  }, [focus, systems]);
  const label = (s: string) => (systemName(s) === s ? s : `${systemName(s)} (${s})`);
  return (
    <ol className="order" ref={list} aria-label={`Systems in ${what}, highest first`}>
      {systems.map((s, i) => (
        <li key={s} data-system={s}>
          <span className="order-name">{label(s)}</span>
          {canEdit && (
            <span className="actions">
              <button type="button" className="secondary small" data-move={`${s}:up`} disabled={i === 0} aria-label={`Move ${label(s)} up in ${what}`}
                onClick={() => { onChange(moved(systems, i, -1)); setFocus({ system: s, dir: 'up' }); }}>↑ Up</button>
              <button type="button" className="secondary small" data-move={`${s}:down`} disabled={i === systems.length - 1} aria-label={`Move ${label(s)} down in ${what}`}
                onClick={() => { onChange(moved(systems, i, 1)); setFocus({ system: s, dir: 'down' }); }}>↓ Down</button>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
