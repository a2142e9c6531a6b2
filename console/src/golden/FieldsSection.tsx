import { type FormEvent, useState } from 'react';
import { gql } from '../api/client';
import { editableText, exactTime, formatValue, parseEnteredValue } from '../ui/format';
import type { GoldenRecord } from './GoldenRecordPage';
import { OverrideFieldMutation, ReleaseOverrideMutation } from './golden-queries';
import { ActionMessage, useAction } from '../ui/use-action';

interface FieldInfo {
  name: string;
  type: string;
  sensitive: boolean;
}

interface Props {
  record: GoldenRecord;
  fields: FieldInfo[];
  canAct: boolean;
  systemName(key: string): string;
}

const PIN_RULE = 'override';

/** Current values with their lineage: which system gave each, under which rule, and whether a steward pinned it. */
export function FieldsSection({ record, fields, canAct, systemName }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const action = useAction();
  const lineage = new Map(record.lineage.map((l) => [l.field, l]));
  const data = (record.data ?? {}) as Record<string, unknown>;
  // Declared fields first (in declaration order), then any the record holds that the configuration no longer declares.
  const names = [...fields.map((f) => f.name), ...Object.keys(data).filter((k) => !fields.some((f) => f.name === k))];
  const shown = names.filter((n) => Object.hasOwn(data, n) || lineage.has(n) || canAct);

  return (
    <section aria-labelledby="fields-title">
      <h2 id="fields-title">Current values</h2>
      <ActionMessage message={action.message} />
      <table className="fields">
        <caption className="visually-hidden">Fields, values and where each value came from</caption>
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">From</th><th scope="col">Rule</th>{canAct && <th scope="col">Actions</th>}</tr>
        </thead>
        <tbody>
          {shown.map((name) => {
            const l = lineage.get(name);
            const pinned = l?.rule === PIN_RULE;
            const type = fields.find((f) => f.name === name)?.type ?? 'string';
            return (
              <tr key={name} data-field={name}>
                <th scope="row">{name}</th>
                <td className="value">{Object.hasOwn(data, name) ? formatValue(data[name]) : <span className="muted">empty</span>}</td>
                <td>{l?.system ? (l.system === 'steward' ? 'steward' : `${systemName(l.system)} (${l.system})`) : '—'}
                  {l?.updatedAt && <div className="muted small"><time dateTime={l.updatedAt}>{exactTime(l.updatedAt)}</time></div>}</td>
                <td>{pinned ? <span className="badge pinned">pinned</span> : (l?.rule ?? '—')}</td>
                {canAct && (
                  <td>
                    {editing === name ? (
                      <PinForm field={name} type={type} initial={data[name]} busy={action.busy} onCancel={() => setEditing(null)}
                        onPin={async (value) => {
                          if (await action.run(() => gql(OverrideFieldMutation, { id: record.id, field: name, value }), `${name} pinned.`)) setEditing(null);
                        }} />
                    ) : (
                      <div className="actions">
                        <button type="button" className="secondary" aria-label={`Pin ${name}`} onClick={() => setEditing(name)}>Pin…</button>
                        {pinned && (
                          <button type="button" className="secondary" aria-label={`Unpin ${name}`} disabled={action.busy}
                            onClick={() => void action.run(() => gql(ReleaseOverrideMutation, { id: record.id, field: name }), `${name} unpinned: the sources decide it again.`)}>
                            Unpin
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function PinForm({ field, type, initial, busy, onPin, onCancel }: {
  field: string; type: string; initial: unknown; busy: boolean; onPin(value: unknown): Promise<void>; onCancel(): void;
}) {
  const [text, setText] = useState(editableText(initial));
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      void onPin(parseEnteredValue(text, type));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="pin-form" onSubmit={submit}>
      <label htmlFor={`pin-${field}`}>Pinned value of {field} ({type})</label>
      <input id={`pin-${field}`} value={text} autoFocus onChange={(e) => setText(e.target.value)} spellCheck={false} />
      <button type="submit" disabled={busy}>Pin</button>
      <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
