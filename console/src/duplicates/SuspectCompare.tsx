import { useState } from 'react';
import { Link } from 'wouter';
import { gql } from '../api/client';
import type { useAction } from '../ui/use-action';
import type { MatchSuspectsQuery } from '../gql/graphql';
import { exactTime, formatValue, recordLabel } from '../ui/format';
import { DismissSuspectMutation, MergeSuspectMutation } from './duplicate-queries';
import { percent } from './suspect-filters';

export type Suspect = MatchSuspectsQuery['matchSuspects']['nodes'][number];

interface Props {
  suspect: Suspect;
  canAct: boolean;
  systemName(key: string): string;
  /** the page's action runner: its outcome message stays on the page when the pair leaves the queue */
  action: ReturnType<typeof useAction>;
}

/**
 * The two records side by side: every field either holds, the score of the fields the rule compared (method and
 * weight), and the rule that raised the pair. A steward merges (choosing which record survives) or dismisses.
 */
export function SuspectCompare({ suspect, canAct, systemName, action }: Props) {
  const [a, b] = suspect.records;
  // The hub keeps the older record unless told otherwise; the radio starts there so the choice is visible.
  const older = a && b ? (Date.parse(a.createdAt) <= Date.parse(b.createdAt) ? a.id : b.id) : null;
  const [survivor, setSurvivor] = useState<string | null>(older);
  if (!a || !b) return <p className="muted">One of the two records is gone; the hub closes this suspect on its next look.</p>;
  const da = (a.data ?? {}) as Record<string, unknown>;
  const db = (b.data ?? {}) as Record<string, unknown>;
  const scores = new Map(suspect.fieldScores.map((s) => [s.field, s]));
  const fields = [...new Set([...suspect.fieldScores.map((s) => s.field), ...Object.keys(da), ...Object.keys(db)])];
  const label = (r: typeof a) => recordLabel(r.data, r.id);
  const titleId = `compare-${suspect.id}`;
  return (
    <section className="compare" aria-labelledby={titleId}>
      <h3 id={titleId}>Compare: {label(a)} and {label(b)}</h3>
      <p className="muted small">
        Raised by rule “{suspect.rule.name}” (rule {suspect.rule.index + 1}) with a score of {percent(suspect.score)}
        {' '}on <time dateTime={suspect.createdAt}>{exactTime(suspect.createdAt)}</time>.
        {suspect.status !== 'open' && <> {suspect.status === 'merged' ? 'Merged' : 'Dismissed'}{suspect.resolvedBy ? ` by ${suspect.resolvedBy}` : ''}{suspect.resolution ? ` (${suspect.resolution.replaceAll('_', ' ')})` : ''}.</>}
      </p>
      <table className="compare-table">
        <caption className="visually-hidden">The fields of both records, with the score of each compared field</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            {[a, b].map((r) => (
              <th scope="col" key={r.id}>
                <Link href={`/golden-records/${r.id}`}>{label(r)}</Link>
                <div className="muted small">{r.sources.map((s) => `${systemName(s.system)} ${s.externalId}`).join(', ')}</div>
              </th>
            ))}
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const s = scores.get(f);
            const same = JSON.stringify(da[f]) === JSON.stringify(db[f]);
            return (
              <tr key={f} data-field={f}>
                <th scope="row">{f}</th>
                <td className={same ? undefined : 'differs'}>{formatValue(da[f])}</td>
                <td className={same ? undefined : 'differs'}>{formatValue(db[f])}</td>
                <td>{s ? <><strong>{percent(s.score)}</strong> <span className="muted small">{s.method}, weight {s.weight}</span></> : <span className="muted small">not compared</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {canAct && suspect.status === 'open' && (
        <div className="compare-actions">
          <fieldset>
            <legend>Record to keep</legend>
            {[a, b].map((r) => (
              <label key={r.id} className="facet">
                <input type="radio" name={`survivor-${suspect.id}`} checked={survivor === r.id} onChange={() => setSurvivor(r.id)} />
                <span>{label(r)}{r.id === older ? ' (older)' : ''}</span>
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button type="button" disabled={action.busy}
              onClick={() => void action.run(() => gql(MergeSuspectMutation, { id: suspect.id, survivorId: survivor }), 'Merged: the other record now belongs to the one kept.')}>
              Merge
            </button>
            <button type="button" className="secondary" disabled={action.busy}
              onClick={() => void action.run(() => gql(DismissSuspectMutation, { id: suspect.id }), 'Dismissed: this pair will not be suggested again.')}>
              Not a match
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
