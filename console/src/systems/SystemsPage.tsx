import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { gql } from '../api/client';
import { countOf, exactTime, relativeTime } from '../ui/format';
import { SystemsStatusQuery } from './systems-queries';

/** Every connected system at a glance (the status report): last sync, errors of the last 24 h, queues. */
export function SystemsPage() {
  const status = useQuery({ queryKey: ['status'], queryFn: () => gql(SystemsStatusQuery), refetchInterval: 15_000 });
  const systems = status.data?.status.systems ?? [];
  return (
    <section aria-labelledby="systems-title">
      <div className="page-head">
        <h1 id="systems-title">Systems</h1>
        <p className="muted">
          The connected systems, refreshed every 15 seconds{status.data && <> (as of <time dateTime={status.data.status.generatedAt}>{exactTime(status.data.status.generatedAt)}</time>)</>}.
        </p>
      </div>
      {status.error && <p className="error" role="alert">{(status.error as Error).message}</p>}
      {status.isPending && <p role="status">Loading the status…</p>}
      {systems.length > 0 && (
        <table className="systems">
          <caption className="visually-hidden">Systems with their last sync, errors in the last 24 hours and queues</caption>
          <thead>
            <tr>
              <th scope="col">System</th><th scope="col">Last sync</th><th scope="col">Errors (24 h)</th>
              <th scope="col">Queued</th><th scope="col">Open conflicts</th><th scope="col">Records</th>
            </tr>
          </thead>
          <tbody>
            {systems.map((s) => {
              const base = `/systems/${encodeURIComponent(s.key)}`;
              return (
                <tr key={s.key} data-system={s.key}>
                  <th scope="row">
                    <Link href={base}>{s.name} ({s.key})</Link>
                    <div className="muted small">{s.direction} · {s.entityTypes.join(', ')}</div>
                  </th>
                  <td>
                    {s.lastSync ? <time dateTime={s.lastSync.at} title={exactTime(s.lastSync.at)}>{relativeTime(s.lastSync.at)}</time> : <span className="muted">never</span>}
                    {s.lastRun && <div className="muted small">last run {s.lastRun.kind ?? ''} <span className={`status status-run-${s.lastRun.status}`}>{s.lastRun.status}</span></div>}
                  </td>
                  <td>
                    {s.errors24h.total === 0 ? <span className="muted">none</span> : (
                      <ul className="plain">
                        {s.errors24h.rejected > 0 && <li><Link href={`${base}#rejected-events`}>{countOf(s.errors24h.rejected, 'rejected event')}</Link></li>}
                        {s.errors24h.failed > 0 && <li>{countOf(s.errors24h.failed, 'failed event')}</li>}
                        {(s.errors24h.deadDeliveries ?? 0) > 0 && <li><Link href={`${base}#dead-letters`}>{countOf(s.errors24h.deadDeliveries ?? 0, 'dead letter')}</Link></li>}
                        {(s.errors24h.failedRuns ?? 0) > 0 && <li><Link href={`${base}#sync-runs`}>{countOf(s.errors24h.failedRuns ?? 0, 'failed run')}</Link></li>}
                      </ul>
                    )}
                  </td>
                  <td>
                    {s.queue.total}
                    <div className="muted small">{s.queue.inboxPending} in, {s.queue.outboxQueued ?? 0} out{(s.queue.outboxPaused ?? 0) > 0 ? `, ${s.queue.outboxPaused} paused` : ''}</div>
                  </td>
                  <td>{s.openConflicts > 0 ? <Link href={`/conflicts?system=${encodeURIComponent(s.key)}`}>{s.openConflicts}</Link> : 0}</td>
                  <td>{s.records.linked} linked<div className="muted small">{s.records.applied24h} applied in 24 h</div></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
