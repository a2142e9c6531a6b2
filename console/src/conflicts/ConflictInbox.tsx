import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { gql } from '../api/client';
import { useSession } from '../api/session';
import { useCatalog } from '../app/catalog';
import { exactTime, formatValue, recordLabel, relativeTime } from '../ui/format';
import { BulkBar } from './BulkBar';
import { candidatesOf } from './candidates';
import { ConflictDetail } from './ConflictDetail';
import { ConflictFacetsQuery, ConflictInboxQuery, ResolveConflictsMutation } from './conflict-queries';
import { FacetPanel } from './FacetPanel';
import { describeFilters, type FilterKey, filtersFromSearch, filtersToSearch, filtersToFacetVariables, filtersToVariables, STATUS_LABELS, withFilter } from './inbox-filters';
import { ShortcutHelp } from './ShortcutHelp';
import { useInboxKeys } from './use-inbox-keys';

export function ConflictInbox() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const { can } = useSession();
  const canAct = can('steward');
  const catalog = useCatalog();
  const queries = useQueryClient();

  // Cursors of the pages before this one, so "previous" works with forward-only keyset paging.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [active, setActive] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    setCursors([null]);
    setSelected(new Set());
    setActive(0);
    setOpenId(null);
  }, [search]);

  const list = useQuery({
    queryKey: ['conflicts', filters, after],
    queryFn: () => gql(ConflictInboxQuery, filtersToVariables(filters, after)),
    placeholderData: keepPreviousData,
  });
  // The counts scan every matching conflict; asked once the first rows are in, so they do not compete with them.
  const facets = useQuery({
    queryKey: ['conflict-facets', filters],
    queryFn: () => gql(ConflictFacetsQuery, filtersToFacetVariables(filters)),
    placeholderData: keepPreviousData,
    enabled: list.data !== undefined || list.isError,
  });
  const rows = list.data?.conflicts.nodes ?? [];
  const total = facets.data?.conflictFacets.total;

  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const focusRow = (i: number) => {
    const n = Math.max(0, Math.min(rows.length - 1, i));
    setActive(n);
    rowRefs.current[n]?.focus();
  };
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  useInboxKeys({
    count: rows.length,
    active,
    // From outside the table the first j or k lands on the current row instead of skipping it.
    move: (delta) => focusRow(rowRefs.current.includes(document.activeElement as HTMLTableRowElement) ? active + delta : active),
    select: () => canAct && rows[active] && toggle(rows[active].id),
    open: () => rows[active] && setOpenId((id) => (id === rows[active].id ? null : rows[active].id)),
    close: () => {
      setOpenId(null);
      rowRefs.current[active]?.focus();
    },
  });

  const refresh = async () => {
    await Promise.all([queries.invalidateQueries({ queryKey: ['conflicts'] }), queries.invalidateQueries({ queryKey: ['conflict-facets'] })]);
  };
  const resolve = async (items: { id: string; system?: string; value?: unknown }[]) => {
    const { resolveConflicts } = await gql(ResolveConflictsMutation, { items });
    await refresh();
    return resolveConflicts;
  };
  const resolveOne = async (id: string, resolution: { system?: string; value?: unknown }) => {
    const [outcome] = await resolve([{ id, ...resolution }]);
    if (!outcome.ok) throw new Error(`${outcome.message} (${outcome.code})`);
    setNotice('Conflict resolved; the systems are being updated.');
    setOpenId(null);
    rowRefs.current[active]?.focus();
  };

  const setFilter = (key: FilterKey, value: string | null) => navigate(`/conflicts${filtersToSearch(withFilter(filters, key, value))}`);
  const pageNumber = cursors.length;
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <section aria-labelledby="inbox-title" className="inbox">
      <div className="page-head">
        <h1 id="inbox-title">Conflict inbox</h1>
        <p role="status" className="result-count">
          {total === undefined ? 'Counting…' : `${total} conflict${total === 1 ? '' : 's'}`} · {describeFilters(filters)}
        </p>
      </div>
      <div className="inbox-layout">
        <FacetPanel filters={filters} facets={facets.data?.conflictFacets} systemName={catalog.systemName} onChange={setFilter} />
        <div className="inbox-main">
          {canAct && (
            <BulkBar
              selected={rows.filter((r) => selected.has(r.id))}
              systemName={catalog.systemName}
              onClear={() => setSelected(new Set())}
              onResolve={async (system) => {
                const outcomes = await resolve([...selected].map((id) => ({ id, system })));
                setSelected(new Set(outcomes.filter((o) => !o.ok).map((o) => o.id)));
                return outcomes;
              }}
            />
          )}
          {notice && <p className="notice" role="status">{notice}</p>}
          {list.error && <p className="error" role="alert">{(list.error as Error).message}</p>}
          <ShortcutHelp canAct={canAct} />
          <table className="conflicts" aria-describedby="shortcut-summary">
            <caption className="visually-hidden">Conflicts, page {pageNumber}, newest first</caption>
            <thead>
              <tr>
                {canAct && (
                  <th scope="col" className="check">
                    <input type="checkbox" aria-label="Select all on this page" checked={allOnPage}
                      onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))} />
                  </th>
                )}
                <th scope="col">Record</th>
                <th scope="col">Field</th>
                <th scope="col">Values</th>
                <th scope="col">Status</th>
                <th scope="col">Raised</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c, i) => {
                const isOpen = openId === c.id;
                const label = recordLabel(c.goldenRecord?.data, c.goldenRecordId);
                return (
                  <Fragment key={c.id}>
                    <tr ref={(el) => { rowRefs.current[i] = el; }} tabIndex={i === active ? 0 : -1} data-conflict-id={c.id}
                      className={[isOpen ? 'open' : '', selected.has(c.id) ? 'selected' : '', i === active ? 'active' : ''].join(' ')}
                      onFocus={() => setActive(i)} onClick={() => setActive(i)}>
                      {canAct && (
                        <td className="check">
                          <input type="checkbox" aria-label={`Select ${c.field} of ${label}`} checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                        </td>
                      )}
                      <td>
                        <Link href={`/golden-records/${c.goldenRecordId}`}>{label}</Link>
                        <div className="muted small">{c.entityType}</div>
                      </td>
                      <td>
                        <button type="button" className="link" aria-expanded={isOpen} onClick={() => setOpenId(isOpen ? null : c.id)}>{c.field}</button>
                      </td>
                      <td>
                        <ul className="inline-values">
                          {candidatesOf(c.values).map((v, k) => (
                            <li key={k} className={v.system === c.winner ? 'winner' : undefined}>
                              <span className="sys">{v.system}</span> {formatValue(v.value)}
                              {v.at && <span className="muted small"> · <time dateTime={v.at} title={exactTime(v.at)}>{relativeTime(v.at)}</time></span>}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td><span className={`status status-${c.status}`}>{STATUS_LABELS[c.status]?.split(' (')[0] ?? c.status}</span></td>
                      <td><time dateTime={c.createdAt} title={exactTime(c.createdAt)}>{relativeTime(c.createdAt)}</time></td>
                    </tr>
                    {isOpen && (
                      <tr className="detail">
                        <td colSpan={canAct ? 6 : 5}>
                          <ConflictDetail conflict={c} canAct={canAct} fieldType={catalog.fieldType(c.entityType, c.field)}
                            systemName={catalog.systemName} onResolve={(r) => resolveOne(c.id, r)} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
          {list.isPending && <p role="status">Loading conflicts…</p>}
          {!list.isPending && rows.length === 0 && !list.error && <p className="empty">No conflicts match these filters.</p>}
          <nav className="pager" aria-label="Pages of conflicts">
            <button type="button" className="secondary" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>Previous page</button>
            <span>Page {pageNumber}</span>
            <button type="button" className="secondary" disabled={!list.data?.conflicts.pageInfo.hasNextPage}
              onClick={() => setCursors((c) => [...c, list.data!.conflicts.pageInfo.endCursor])}>Next page</button>
          </nav>
        </div>
      </div>
    </section>
  );
}
