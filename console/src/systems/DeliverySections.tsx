import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'wouter';
import { gql } from '../api/client';
import { ActionMessage, useAction } from '../ui/use-action';
import type { SystemDeliveriesQuery } from '../gql/graphql';
import { countOf, exactTime, relativeTime } from '../ui/format';
import { ReplayDeadLettersMutation, RetryDeliveryMutation, SystemDeliveriesQuery as DeliveriesQuery } from './systems-queries';

type Delivery = SystemDeliveriesQuery['deliveries']['nodes'][number];
const SHOWN = 25;

interface Props {
  system: string;
  canAct: boolean;
  /** called once the section's rows are in (the page scrolls to a linked section only then) */
  onReady(id: string): void;
}

/** Tells the page a section has its first answer. */
export function useSectionReady(id: string, pending: boolean, onReady: (id: string) => void): void {
  useEffect(() => {
    if (!pending) onReady(id);
  }, [id, pending, onReady]);
}

/** Deliveries still to be sent whose last attempt failed: retried with backoff (or held by the circuit breaker). */
export function FailingDeliveries({ system, canAct, onReady }: Props) {
  const q = useQuery({ queryKey: ['deliveries', system, 'failing'], queryFn: () => gql(DeliveriesQuery, { system, failing: true, first: SHOWN }), refetchInterval: 10_000 });
  useSectionReady('failing-deliveries', q.isPending, onReady);
  const action = useAction();
  const rows = q.data?.deliveries.nodes ?? [];
  return (
    <section id="failing-deliveries" aria-labelledby="failing-title" tabIndex={-1}>
      <h2 id="failing-title">Failing deliveries</h2>
      <p className="muted small">Changes the hub keeps trying to send: each waits for its next attempt.</p>
      <ActionMessage message={action.message} />
      <DeliveryTable rows={rows} loading={q.isPending} empty="No delivery is failing." more={q.data?.deliveries.pageInfo.hasNextPage}
        action={canAct ? (d) => d.status === 'paused' && (
          <button type="button" className="secondary small" disabled={action.busy} aria-label={`Resume delivery ${d.id}`}
            onClick={() => void action.run(() => gql(RetryDeliveryMutation, { id: d.id }), `Delivery ${d.id} resumed.`)}>Resume</button>
        ) : null} />
    </section>
  );
}

/** Dead letters: deliveries the system refused for good (or that ran out of attempts); retry one, or replay all. */
export function DeadLetters({ system, canAct, onReady }: Props) {
  const q = useQuery({ queryKey: ['deliveries', system, 'dead'], queryFn: () => gql(DeliveriesQuery, { system, status: 'dead', first: SHOWN }), refetchInterval: 10_000 });
  useSectionReady('dead-letters', q.isPending, onReady);
  const action = useAction();
  const rows = q.data?.deliveries.nodes ?? [];
  return (
    <section id="dead-letters" aria-labelledby="dead-title" tabIndex={-1}>
      <h2 id="dead-title">Dead letters</h2>
      <p className="muted small">Deliveries that will not be tried again by themselves. Fix the cause in the system, then retry.</p>
      {canAct && rows.length > 0 && (
        <p>
          <button type="button" disabled={action.busy}
            onClick={() => void action.run(async () => {
              const { replayDeadLetters } = await gql(ReplayDeadLettersMutation, { system });
              return replayDeadLetters.count;
            }, (n) => `${countOf(n, 'dead letter')} of ${system} put back in the queue (only those still the newest for their record).`)}>
            Replay all dead letters of {system}
          </button>
        </p>
      )}
      <ActionMessage message={action.message} />
      <DeliveryTable rows={rows} loading={q.isPending} empty="No dead letters." more={q.data?.deliveries.pageInfo.hasNextPage}
        action={canAct ? (d) => (
          <button type="button" className="secondary small" disabled={action.busy} aria-label={`Retry delivery ${d.id}`}
            onClick={() => void action.run(() => gql(RetryDeliveryMutation, { id: d.id }), `Delivery ${d.id} is being sent again.`)}>Retry</button>
        ) : null} />
    </section>
  );
}

function DeliveryTable({ rows, loading, empty, more, action }: {
  rows: Delivery[]; loading: boolean; empty: string; more?: boolean; action: ((d: Delivery) => ReactNode) | null;
}) {
  if (loading) return <p role="status">Loading…</p>;
  if (rows.length === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      <table className="deliveries">
        <thead>
          <tr>
            <th scope="col">Delivery</th><th scope="col">Record</th><th scope="col">Attempts</th><th scope="col">Last error</th>
            <th scope="col">Updated</th>{action && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} data-delivery-id={d.id}>
              <td>#{d.id} <span className="muted small">{d.operation} · {d.status}</span></td>
              <td>
                <Link href={`/golden-records/${d.goldenId}`}>{d.entityType} <code>{d.goldenId.slice(0, 8)}</code></Link>
                <div className="muted small">version {d.goldenVersion}{d.externalId ? ` · ${d.externalId}` : ''}</div>
              </td>
              <td>{d.attempts}{d.status === 'pending' && <div className="muted small">next <time dateTime={d.nextAttemptAt}>{exactTime(d.nextAttemptAt)}</time></div>}</td>
              <td className="wrap">{[d.lastCode, d.lastStatus].filter((x) => x !== null).join(' ')}{d.lastError && <div className="small">{d.lastError}</div>}</td>
              <td><time dateTime={d.updatedAt} title={exactTime(d.updatedAt)}>{relativeTime(d.updatedAt)}</time></td>
              {action && <td>{action(d)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {more && <p className="muted small">Showing the newest {rows.length}.</p>}
    </>
  );
}
