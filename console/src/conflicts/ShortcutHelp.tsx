/** The inbox's keyboard shortcuts, on the page (and summarised for the table's description). */
export function ShortcutHelp({ canAct }: { canAct: boolean }) {
  return (
    <details className="shortcuts">
      <summary id="shortcut-summary">Keyboard: j/k or ↓/↑ move, {canAct ? 'x selects, ' : ''}Enter opens, Esc closes</summary>
      <dl>
        <dt><kbd>j</kbd> or <kbd>↓</kbd></dt><dd>next conflict</dd>
        <dt><kbd>k</kbd> or <kbd>↑</kbd></dt><dd>previous conflict</dd>
        {canAct && <><dt><kbd>x</kbd></dt><dd>select or unselect it for a bulk resolution</dd></>}
        <dt><kbd>Enter</kbd></dt><dd>open or close its values{canAct ? ' (then keep a system’s value or enter one)' : ''}</dd>
        <dt><kbd>Esc</kbd></dt><dd>close the values and return to the row</dd>
      </dl>
    </details>
  );
}
