import { useState } from 'react';
import { ApiError } from '../api/client';
import type { ConflictInboxQuery, ResolveConflictsMutation } from '../gql/graphql';
import { commonSystems } from './candidates';

type Conflict = ConflictInboxQuery['conflicts']['nodes'][number];
type Outcome = ResolveConflictsMutation['resolveConflicts'][number];

interface Props {
  selected: Conflict[];
  systemName(key: string): string;
  onClear(): void;
  onResolve(system: string): Promise<Outcome[]>;
}

/** Bulk resolution: every selected conflict takes one system's value; each is committed (or refused) on its own. */
export function BulkBar({ selected, systemName, onClear, onResolve }: Props) {
  const systems = commonSystems(selected);
  const [system, setSystem] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: number; failed: Outcome[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = systems.includes(system) ? system : (systems[0] ?? '');

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const outcomes = await onResolve(chosen);
      setResult({ ok: outcomes.filter((o) => o.ok).length, failed: outcomes.filter((o) => !o.ok) });
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bulk" role="group" aria-label="Bulk resolution">
      <span>{selected.length} selected</span>
      <label htmlFor="bulk-system">Take the value of</label>
      <select id="bulk-system" value={chosen} onChange={(e) => setSystem(e.target.value)} disabled={systems.length === 0}>
        {systems.length === 0 && <option value="">{selected.length ? 'no system common to all' : 'select conflicts first'}</option>}
        {systems.map((s) => <option key={s} value={s}>{systemName(s)} ({s})</option>)}
      </select>
      <button type="button" disabled={busy || !chosen || selected.length === 0} onClick={() => void run()}>
        {busy ? 'Resolving…' : `Resolve ${selected.length} selected`}
      </button>
      <button type="button" className="secondary" disabled={selected.length === 0} onClick={onClear}>Clear selection</button>
      <div role="status" className="bulk-result">
        {result && (
          <>
            {result.ok} resolved{result.failed.length ? `, ${result.failed.length} not resolved:` : '.'}
            {result.failed.length > 0 && (
              <ul>{result.failed.map((f) => <li key={f.id}><code>{f.code}</code> {f.message}</li>)}</ul>
            )}
          </>
        )}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
