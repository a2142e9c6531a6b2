import { useEffect, useRef } from 'react';

interface Keys {
  count: number;
  active: number;
  move(delta: number): void;
  select(): void;
  open(): void;
  close(): void;
}

/**
 * The inbox's keyboard: j / ArrowDown and k / ArrowUp move between rows, x selects, Enter opens or closes the
 * values, Escape closes. Keys typed into a text field, a select or a button are theirs, not shortcuts.
 */
export function useInboxKeys(keys: Keys): void {
  const ref = useRef(keys);
  ref.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as HTMLElement;
      const tag = t.tagName;
      const typing = tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable || (tag === 'INPUT' && (t as HTMLInputElement).type !== 'checkbox');
      if (typing) {
        if (e.key === 'Escape') ref.current.close();
        return;
      }
      const inRow = t.tagName === 'TR';
      const k = ref.current;
      if (k.count === 0) return;
      switch (e.key) {
        case 'j': case 'ArrowDown': k.move(1); break;
        case 'k': case 'ArrowUp': k.move(-1); break;
        case 'x': k.select(); break;
        // Enter on a link, button or checkbox keeps its own meaning.
        case 'Enter': if (!inRow && tag !== 'BODY' && tag !== 'MAIN') return; k.open(); break;
        case 'Escape': k.close(); break;
        default: return;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
