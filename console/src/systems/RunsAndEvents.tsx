import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { gql } from '../api/client';
import { ActionMessage, useAction } from '../ui/use-action';
import { useSectionReady } from './DeliverySections';
import { exactTime, relativeTime } from '../ui/format';
import { ReplayEventMutation, SystemRejectedEventsQuery, SystemSyncRunsQuery } from './systems-queries';

/** The last pulls from the system (polls, refreshes, reconciliations) with what each saw and changed. */
export function SyncRuns({ system, onReady }: { system: string; onReady(id: string): void }) {
  const q = useQuery({ queryKey: ['sync-runs', system], queryFn: () => gql(SystemSyncRunsQuery, { system, first: 10 }), refetchInterval: 10_000 });
  useSectionReady('sync-runs', q.isPending, onReady);
  const rows = q.data?.syncRuns.nodes ?? [];
  return (
    <section id="sync-runs" aria-labelledby="runs-title" tabIndex={-1}>
      <h2 id="runs-title">Last sync runs</h2>
      {q.isPending ? <p role="status">Loading…</p> : rows.length === 0 ? <p className="empty">No sync run yet: this system has only sent webhooks.</p> : (
        <table className="runs">
          <thead>
            <tr><th scope="col">Run</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Took</th><th scope="col">Seen / changed / rejected</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-run-id={r.id}>
                <td>{r.kind}{r.entityType ? ` of ${r.entityType}` : ''}<div className="muted small">{r.trigger}{r.triggeredBy ? ` by ${r.triggeredBy}` : ''}</div></td>
                <td><span className={`status status-run-${r.status}`}>{r.status}</span>
                  {Array.isArray(r.errors) && r.errors.length > 0 && <div className="small wrap">{r.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ')}</div>}</td>
                <td><time dateTime={r.startedAt} title={exactTime(r.startedAt)}>{relativeTime(r.startedAt)}</time></td>
                <td>{r.durationMs === null ? '—' : `${(r.durationMs / 1000).toFixed(1)} s`}</td>
                <td>{r.seen} / {r.changed} / {r.rejected}{r.pending > 0 && <div className="muted small">{r.pending} still being applied</div>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Events from the system the hub refused (invalid values, unknown references): the reasons, and a replay once fixed. */
export function RejectedEvents({ system, canAct, onReady }: { system: string; canAct: boolean; onReady(id: string): void }) {
  const q = useQuery({ queryKey: ['events', system, 'rejected'], queryFn: () => gql(SystemRejectedEventsQuery, { system, first: 25 }), refetchInterval: 10_000 });
  useSectionReady('rejected-events', q.isPending, onReady);
  const action = useAction();
  const rows = q.data?.events.nodes ?? [];
  return (
    <section id="rejected-events" aria-labelledby="rejected-title" tabIndex={-1}>
      <h2 id="rejected-title">Rejected events</h2>
      <ActionMessage message={action.message} />
      {q.isPending ? <p role="status">Loading…</p> : rows.length === 0 ? <p className="empty">No rejected events.</p> : (
        <table className="events">
          <thead>
            <tr><th scope="col">Record</th><th scope="col">Received</th><th scope="col">Why</th>{canAct && <th scope="col">Actions</th>}</tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} data-event-id={e.id}>
                <td>{e.entityType} <code>{e.externalId}</code>
                  <div className="muted small">{e.eventType}{e.goldenId && <> · <Link href={`/golden-records/${e.goldenId}`}>golden record</Link></>}</div></td>
                <td><time dateTime={e.receivedAt} title={exactTime(e.receivedAt)}>{relativeTime(e.receivedAt)}</time></td>
                <td className="wrap">{e.reason}{Array.isArray(e.errors) && <ul className="plain small">{e.errors.map((x, i) => <li key={i}>{describeError(x)}</li>)}</ul>}</td>
                {canAct && (
                  <td>
                    <button type="button" className="secondary small" disabled={action.busy} aria-label={`Replay event ${e.id}`}
                      onClick={() => void action.run(() => gql(ReplayEventMutation, { id: e.id }), `Event ${e.id} put back in the inbox.`)}>Replay</button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function describeError(e: unknown): string {
  if (typeof e !== 'object' || e === null) return String(e);
  const { field, code, message } = e as { field?: string; code?: string; message?: string };
  return [field, code, message].filter(Boolean).join(': ') || JSON.stringify(e);
}
