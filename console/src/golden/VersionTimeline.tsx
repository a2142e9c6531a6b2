import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { gql } from '../api/client';
import { exactTime, formatValue } from '../ui/format';
import type { GoldenRecord } from './GoldenRecordPage';
import { GoldenAsOfQuery, RollbackMutation } from './golden-queries';
import { causeSummary } from './cause';
import { changeRows } from './patch-view';
import { ActionMessage, useAction } from '../ui/use-action';

/** Every version, newest first, with what changed and why; a steward rolls back to any earlier one. */
export function VersionTimeline({ record, canAct }: { record: GoldenRecord; canAct: boolean }) {
  const action = useAction();
  // The newest 500 versions: a record edited more often than that shows its recent history here, the rest through the API.
  const versions = [...record.versions.nodes].sort((a, b) => b.version - a.version);
  const byNumber = new Map(record.versions.nodes.map((v) => [v.version, v]));
  const [asOf, setAsOf] = useState<string | null>(null);

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <AsOfView id={record.id} at={asOf} onAt={setAsOf} />
      <ActionMessage message={action.message} />
      <ol className="timeline" aria-label="Versions, newest first">
        {versions.map((v) => {
          const rows = changeRows(v.changes, byNumber.get(v.version - 1)?.data ?? {});
          return (
            <li key={v.version} data-version={v.version}>
              <h3>
                Version {v.version}{v.version === record.version && ' (current)'}
                {v.deleted && <span className="status status-deleted"> deleted</span>}
              </h3>
              <p className="muted small"><time dateTime={v.at}>{exactTime(v.at)}</time> · {causeSummary(v.cause)}</p>
              {rows.length > 0 ? (
                <table className="diff">
                  <caption className="visually-hidden">Changes in version {v.version}</caption>
                  <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
                  <tbody>
                    {rows.map((c) => (
                      <tr key={c.path} className={`diff-${c.kind}`}>
                        <th scope="row">{c.path}</th>
                        <td><del>{c.kind === 'added' ? '' : formatValue(c.before)}</del></td>
                        <td><ins>{c.kind === 'removed' ? '' : formatValue(c.after)}</ins></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : <p className="muted small">No value changed.</p>}
              <div className="actions">
                <button type="button" className="secondary small" onClick={() => setAsOf(v.at)}>View as of this time</button>
                {canAct && v.version !== record.version && (
                  <button type="button" className="small" disabled={action.busy}
                    onClick={() => void action.run(() => gql(RollbackMutation, { id: record.id, toVersion: v.version }),
                      `Rolled back: version ${record.version + 1} holds version ${v.version}'s values.`)}>
                    Roll back to version {v.version}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The record as it stood at a chosen time (the version in force then). */
function AsOfView({ id, at, onAt }: { id: string; at: string | null; onAt(at: string | null): void }) {
  const [text, setText] = useState('');
  const snapshot = useQuery({
    queryKey: ['golden-as-of', id, at],
    queryFn: () => gql(GoldenAsOfQuery, { id, at: at! }),
    enabled: at !== null,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const d = new Date(text);
    if (!Number.isNaN(d.getTime())) onAt(d.toISOString());
  };
  const s = snapshot.data?.goldenRecord?.asOf;
  return (
    <div className="as-of">
      <form className="row" onSubmit={submit}>
        <label htmlFor="as-of-at">Show the record as of</label>
        <input id="as-of-at" type="datetime-local" step="1" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="secondary">Show</button>
        {at && <button type="button" className="secondary" onClick={() => onAt(null)}>Close</button>}
      </form>
      {at && (
        <div role="region" aria-label="Record as of a time" className="panel">
          {snapshot.isPending && <p role="status">Loading…</p>}
          {snapshot.error && <p className="error" role="alert">{(snapshot.error as Error).message}</p>}
          {snapshot.data && !s && <p>The record did not exist at {exactTime(at)}.</p>}
          {s && (
            <>
              <p>As of {exactTime(at)}: version {s.version}{s.deleted ? ' (deleted)' : ''}.</p>
              <dl className="snapshot">
                {Object.entries((s.data ?? {}) as Record<string, unknown>).map(([k, v]) => (
                  <div key={k}><dt>{k}</dt><dd>{formatValue(v)}</dd></div>
                ))}
              </dl>
            </>
          )}
        </div>
      )}
    </div>
  );
}
