import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { gql } from '../api/client';
import { recordLabel } from '../ui/format';
import type { GoldenRecord } from './GoldenRecordPage';
import { GoldenSearchQuery, MergeMutation } from './golden-queries';
import { ActionMessage, useAction } from '../ui/use-action';

/** Merge a duplicate into this record: find it by name, e-mail or source id, then merge (the duplicate is tombstoned). */
export function MergeSection({ record }: { record: GoldenRecord }) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const action = useAction();
  const found = useQuery({
    queryKey: ['golden-search', record.entityType, search, 'merge'],
    queryFn: () => gql(GoldenSearchQuery, { entityType: record.entityType, search, first: 10 }),
    enabled: search !== null,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) setSearch(text.trim());
  };
  const candidates = (found.data?.goldenRecords.nodes ?? []).filter((r) => r.id !== record.id);
  return (
    <section aria-labelledby="merge-title">
      <h2 id="merge-title">Merge a duplicate into this record</h2>
      <form className="row" role="search" onSubmit={submit}>
        <label htmlFor="merge-search">Find the duplicate</label>
        <input id="merge-search" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="secondary">Find</button>
      </form>
      <ActionMessage message={action.message} />
      {search !== null && !found.isPending && candidates.length === 0 && <p className="muted">No other {record.entityType} matches “{search}”.</p>}
      {candidates.length > 0 && (
        <ul className="merge-candidates">
          {candidates.map((c) => (
            <li key={c.id}>
              <span>{recordLabel(c.data, c.id)} <span className="muted small">({c.sources.map((s) => `${s.system}:${s.externalId}`).join(', ')})</span></span>
              <button type="button" disabled={action.busy}
                onClick={() => void action.run(() => gql(MergeMutation, { survivorId: record.id, duplicateId: c.id }),
                  `${recordLabel(c.data, c.id)} merged into this record.`)}>
                Merge into this record
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
