import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { gql } from '../api/client';
import { useCatalog } from '../app/catalog';
import { recordLabel, relativeTime } from '../ui/format';
import { GoldenSearchQuery } from './golden-queries';

/** Find golden records by a word prefix of a name or e-mail, or a source id prefix; the search lives in the URL. */
export function GoldenSearch() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const catalog = useCatalog();
  const types = catalog.data?.entityTypes.map((t) => t.name) ?? [];
  const entityType = params.get('type') ?? (types.includes('contact') ? 'contact' : types[0] ?? '');
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [type, setType] = useState(entityType);

  const results = useQuery({
    queryKey: ['golden-search', entityType, q],
    queryFn: () => gql(GoldenSearchQuery, { entityType, search: q || null, first: 25, includeDeleted: true }),
    enabled: entityType !== '',
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams({ type: type || entityType, ...(text.trim() ? { q: text.trim() } : {}) });
    navigate(`/golden-records?${next}`);
  };

  const nodes = results.data?.goldenRecords.nodes ?? [];
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Golden records</h1>
      <form className="search row" role="search" onSubmit={submit}>
        <label htmlFor="search-type">Entity type</label>
        <select id="search-type" value={type || entityType} onChange={(e) => setType(e.target.value)}>
          {types.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <label htmlFor="search-text">Name, e-mail or source id</label>
        <input id="search-text" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. ada, ada@exa, b-77"
          aria-describedby="search-help" />
        <button type="submit">Search</button>
      </form>
      <p id="search-help" className="help">Case-insensitive; each word matches the start of a word of any value, or the start of a source record id.</p>
      {results.error && <p className="error" role="alert">{(results.error as Error).message}</p>}
      <p role="status" className="result-count">
        {results.isFetching ? 'Searching…' : `${nodes.length}${results.data?.goldenRecords.pageInfo.hasNextPage ? '+' : ''} record${nodes.length === 1 ? '' : 's'}${q ? ` for “${q}”` : ''}`}
      </p>
      {nodes.length > 0 && (
        <table>
          <caption className="visually-hidden">Search results</caption>
          <thead><tr><th scope="col">Record</th><th scope="col">Sources</th><th scope="col">Version</th><th scope="col">Updated</th></tr></thead>
          <tbody>
            {nodes.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={`/golden-records/${r.id}`}>{recordLabel(r.data, r.id)}</Link>
                  {r.deleted && <span className="status status-deleted"> deleted</span>}
                </td>
                <td>{r.sources.map((s) => `${s.system}:${s.externalId}`).join(', ')}</td>
                <td>{r.version}</td>
                <td><time dateTime={r.updatedAt}>{relativeTime(r.updatedAt)}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
