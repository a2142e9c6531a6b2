import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { gql } from '../api/client';
import { useSession } from '../api/session';
import { useCatalog } from '../app/catalog';
import { ActionMessage, useAction } from '../ui/use-action';
import { exactTime, recordLabel, relativeTime } from '../ui/format';
import { DismissSuspectsMutation, MergeSuspectsMutation, SuspectsQuery } from './duplicate-queries';
import { SuspectCompare } from './SuspectCompare';
import { percent, type SuspectFilters, suspectFiltersFromSearch, suspectFiltersToSearch, suspectFiltersToVariables } from './suspect-filters';

/** The match-suspect queue: pairs of golden records that probably describe one entity, highest score first. */
export function DuplicatesPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => suspectFiltersFromSearch(search), [search]);
  const { can } = useSession();
  const canAct = can('steward');
  const catalog = useCatalog();
  const action = useAction();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [minScoreText, setMinScoreText] = useState(filters.minScore === null ? '' : String(filters.minScore));
  useEffect(() => {
    setCursors([null]);
    setSelected(new Set());
  }, [search]);

  const after = cursors[cursors.length - 1];
  const list = useQuery({
    queryKey: ['suspects', filters, after],
    queryFn: () => gql(SuspectsQuery, suspectFiltersToVariables(filters, after)),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.matchSuspects.nodes ?? [];
  const setFilters = (f: Partial<SuspectFilters>) => navigate(`/duplicates${suspectFiltersToSearch({ ...filters, ...f })}`);
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const openRows = rows.filter((r) => r.status === 'open');
  const chosen = openRows.filter((r) => selected.has(r.id));
  const bulk = (kind: 'merge' | 'dismiss') => action.run(async () => {
    const ids = chosen.map((r) => r.id);
    const outcomes = kind === 'merge'
      ? (await gql(MergeSuspectsMutation, { ids })).mergeSuspects
      : (await gql(DismissSuspectsMutation, { ids })).dismissSuspects;
    const failed = outcomes.filter((o) => !o.ok);
    setSelected(new Set(failed.map((o) => o.id)));
    if (failed.length) throw new Error(`${outcomes.length - failed.length} done, ${failed.length} refused: ${failed.map((f) => `${f.error?.code ?? 'ERROR'} ${f.error?.message ?? ''}`).join('; ')}`);
  }, `${chosen.length} pair${chosen.length === 1 ? '' : 's'} ${kind === 'merge' ? 'merged' : 'marked as not a match'}.`);
  const allSelected = openRows.length > 0 && openRows.every((r) => selected.has(r.id));

  return (
    <section aria-labelledby="dup-title" className="duplicates">
      <div className="page-head">
        <h1 id="dup-title">Duplicates</h1>
        <p className="muted">Pairs of records the similarity rules found alike, highest score first. Merge them, or mark them as not a match.</p>
      </div>
      <form className="filters row" aria-label="Filters" onSubmit={(e) => {
        e.preventDefault();
        const n = minScoreText.trim() === '' ? null : Number(minScoreText) / 100;
        setFilters({ minScore: n !== null && Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : null });
      }}>
        <label htmlFor="dup-type">Entity type</label>
        <select id="dup-type" value={filters.entityType ?? ''} onChange={(e) => setFilters({ entityType: e.target.value || null })}>
          <option value="">Any</option>
          {catalog.data?.entityTypes.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
        </select>
        <label htmlFor="dup-status">Status</label>
        <select id="dup-status" value={filters.status ?? 'any'} onChange={(e) => setFilters({ status: e.target.value === 'any' ? null : e.target.value as SuspectFilters['status'] })}>
          <option value="open">Open (to review)</option>
          <option value="merged">Merged</option>
          <option value="dismissed">Not a match</option>
          <option value="any">Any status</option>
        </select>
        <label htmlFor="dup-score">Minimum score (%)</label>
        <input id="dup-score" type="number" min={0} max={100} step={1} className="narrow-input" value={minScoreText} onChange={(e) => setMinScoreText(e.target.value)} />
        <button type="submit" className="secondary">Apply</button>
      </form>
      <ActionMessage message={action.message} />
      {canAct && (
        <div className="bulk" role="group" aria-label="Bulk actions">
          <span>{chosen.length} selected</span>
          <button type="button" disabled={action.busy || chosen.length === 0} onClick={() => void bulk('merge')}>Merge {chosen.length} selected</button>
          <button type="button" className="secondary" disabled={action.busy || chosen.length === 0} onClick={() => void bulk('dismiss')}>Not a match ({chosen.length})</button>
          <span className="muted small">Bulk merges keep the older record of each pair.</span>
        </div>
      )}
      {list.error && <p className="error" role="alert">{(list.error as Error).message}</p>}
      <table className="suspects">
        <caption className="visually-hidden">Match suspects, page {cursors.length}, highest score first</caption>
        <thead>
          <tr>
            {canAct && (
              <th scope="col" className="check">
                <input type="checkbox" aria-label="Select all open pairs on this page" checked={allSelected} disabled={openRows.length === 0}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(openRows.map((r) => r.id)))} />
              </th>
            )}
            <th scope="col">Score</th>
            <th scope="col">Records</th>
            <th scope="col">Rule</th>
            <th scope="col">Status</th>
            <th scope="col">Found</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const isOpen = openId === r.id;
            const names = r.records.map((g) => recordLabel(g.data, g.id)).join(' and ');
            return (
              <Fragment key={r.id}>
                <tr data-suspect-id={r.id} className={selected.has(r.id) ? 'selected' : undefined}>
                  {canAct && (
                    <td className="check">
                      {r.status === 'open' && <input type="checkbox" aria-label={`Select ${names}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />}
                    </td>
                  )}
                  <td><strong>{percent(r.score)}</strong></td>
                  <td>
                    <button type="button" className="link" aria-expanded={isOpen} onClick={() => setOpenId(isOpen ? null : r.id)}>
                      <span className="visually-hidden">Compare </span>{names}
                    </button>
                    <div className="muted small">{r.entityType}</div>
                  </td>
                  <td>{r.rule.name}</td>
                  <td><span className={`status status-suspect-${r.status}`}>{r.status === 'dismissed' ? 'not a match' : r.status}</span></td>
                  <td><time dateTime={r.createdAt} title={exactTime(r.createdAt)}>{relativeTime(r.createdAt)}</time></td>
                </tr>
                {isOpen && (
                  <tr className="detail">
                    <td colSpan={canAct ? 6 : 5}>
                      <SuspectCompare suspect={r} canAct={canAct} systemName={catalog.systemName} action={action} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {list.isPending && <p role="status">Loading the queue…</p>}
      {!list.isPending && rows.length === 0 && !list.error && (
        <p className="empty">No pairs match these filters. {filters.status === 'open' && <Link href="/duplicates?status=any">Show every status</Link>}</p>
      )}
      <nav className="pager" aria-label="Pages of duplicates">
        <button type="button" className="secondary" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>Previous page</button>
        <span>Page {cursors.length}</span>
        <button type="button" className="secondary" disabled={!list.data?.matchSuspects.pageInfo.hasNextPage}
          onClick={() => setCursors((c) => [...c, list.data!.matchSuspects.pageInfo.endCursor])}>Next page</button>
      </nav>
    </section>
  );
}
