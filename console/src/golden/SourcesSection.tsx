import { gql } from '../api/client';
import { exactTime, formatValue } from '../ui/format';
import type { GoldenRecord } from './GoldenRecordPage';
import { UnmergeMutation } from './golden-queries';
import { useLocation } from 'wouter';
import { ActionMessage, useAction } from '../ui/use-action';

interface Props {
  record: GoldenRecord;
  fields: { name: string }[];
  canAct: boolean;
  systemName(key: string): string;
}

/** The golden values and each linked source record's values side by side; differences are marked. */
export function SourcesSection({ record, fields, canAct, systemName }: Props) {
  const action = useAction();
  const [, navigate] = useLocation();
  const golden = (record.data ?? {}) as Record<string, unknown>;
  const sources = record.sources.map((s) => ({ ...s, values: (s.data ?? {}) as Record<string, unknown> }));
  const names = [...new Set([...fields.map((f) => f.name), ...Object.keys(golden), ...sources.flatMap((s) => Object.keys(s.values))])]
    .filter((n) => Object.hasOwn(golden, n) || sources.some((s) => Object.hasOwn(s.values, n)));

  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">Source records</h2>
      <ActionMessage message={action.message} />
      <div className="scroll-x">
        <table className="sources">
          <caption className="visually-hidden">Golden values and each source record's values</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Golden</th>
              {sources.map((s) => (
                <th scope="col" key={`${s.system}:${s.externalId}`}>
                  {systemName(s.system)} <span className="muted">({s.system})</span>
                  <div className="muted small"><code>{s.externalId}</code>{s.deleted && ' · deleted'}</div>
                  {s.sourceUpdatedAt && <div className="muted small"><time dateTime={s.sourceUpdatedAt}>{exactTime(s.sourceUpdatedAt)}</time></div>}
                  {canAct && sources.length > 1 && (
                    <button type="button" className="secondary small" disabled={action.busy}
                      aria-label={`Unmerge ${s.system} ${s.externalId} into a new record`}
                      onClick={async () => {
                        const created = { id: '' };
                        const ok = await action.run(async () => {
                          created.id = (await gql(UnmergeMutation, { id: record.id, system: s.system, externalId: s.externalId })).unmergeGoldenRecord?.id ?? '';
                        }, `${s.system} ${s.externalId} split out into a new record.`);
                        if (ok && created.id) navigate(`/golden-records/${created.id}`);
                      }}>
                      Unmerge
                    </button>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {names.map((n) => (
              <tr key={n}>
                <th scope="row">{n}</th>
                <td>{formatValue(golden[n])}</td>
                {sources.map((s) => {
                  const has = Object.hasOwn(s.values, n);
                  const differs = has && formatValue(s.values[n]) !== formatValue(golden[n]);
                  return (
                    <td key={`${s.system}:${s.externalId}`} className={differs ? 'differs' : undefined}>
                      {has ? formatValue(s.values[n]) : <span className="muted">not mapped</span>}
                      {differs && <span className="visually-hidden"> (differs from golden)</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
