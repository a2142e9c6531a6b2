import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { gql } from '../api/client';
import { useSession } from '../api/session';
import { useCatalog } from '../app/catalog';
import type { GoldenRecordQuery as GoldenRecordResult } from '../gql/graphql';
import { exactTime, recordLabel } from '../ui/format';
import { FieldsSection } from './FieldsSection';
import { GoldenRecordQuery, RestoreMutation } from './golden-queries';
import { MergeSection } from './MergeSection';
import { SourcesSection } from './SourcesSection';
import { ActionMessage, useAction } from '../ui/use-action';
import { VersionTimeline } from './VersionTimeline';

export type GoldenRecord = NonNullable<GoldenRecordResult['goldenRecord']>;

export function GoldenRecordPage({ id }: { id: string }) {
  const { can } = useSession();
  const canAct = can('steward');
  const catalog = useCatalog();
  const record = useQuery({ queryKey: ['golden', id], queryFn: () => gql(GoldenRecordQuery, { id }) });
  const restore = useAction();

  if (record.isPending) return <p role="status">Loading the record…</p>;
  if (record.error) return <p className="error" role="alert">{(record.error as Error).message}</p>;
  const r = record.data.goldenRecord;
  if (!r) {
    return (
      <section aria-labelledby="gr-title">
        <h1 id="gr-title">No such golden record</h1>
        <p>There is no golden record {id}. <Link href="/golden-records">Search for one</Link>.</p>
      </section>
    );
  }
  const fields = catalog.data?.entityTypes.find((t) => t.name === r.entityType)?.fields ?? [];
  return (
    <article aria-labelledby="gr-title" className="golden">
      <header className="page-head">
        <h1 id="gr-title">{recordLabel(r.data, r.id)}</h1>
        <p className="muted">
          {r.entityType} · version {r.version} · updated <time dateTime={r.updatedAt}>{exactTime(r.updatedAt)}</time> · <code>{r.id}</code>
          {r.deleted && <span className="status status-deleted"> deleted</span>}
        </p>
        {r.conflicts.length > 0 && (
          <p><Link href={`/conflicts?entityType=${r.entityType}`}>{r.conflicts.length} open conflict{r.conflicts.length === 1 ? '' : 's'}</Link> on {[...new Set(r.conflicts.map((c) => c.field))].join(', ')}</p>
        )}
        {r.deleted && canAct && (
          <p>
            This record is deleted (kept in history). <button type="button" disabled={restore.busy}
              onClick={() => void restore.run(() => gql(RestoreMutation, { id }), 'Record restored.')}>Restore it</button>
          </p>
        )}
        <ActionMessage message={restore.message} />
      </header>
      <FieldsSection record={r} fields={fields} canAct={canAct && !r.deleted} systemName={catalog.systemName} />
      <SourcesSection record={r} fields={fields} canAct={canAct && !r.deleted} systemName={catalog.systemName} />
      <VersionTimeline record={r} canAct={canAct} />
      {canAct && !r.deleted && <MergeSection record={r} />}
    </article>
  );
}
