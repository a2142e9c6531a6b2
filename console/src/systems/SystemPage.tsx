import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { gql } from '../api/client';
import { useSession } from '../api/session';
import { exactTime } from '../ui/format';
import { DeadLetters, FailingDeliveries } from './DeliverySections';
import { RejectedEvents, SyncRuns } from './RunsAndEvents';
import { SystemsStatusQuery } from './systems-queries';

/** The section anchors other pages link to (the status page does): keep them stable, docs/console.md lists them. */
export const SYSTEM_SECTIONS = [
  ['failing-deliveries', 'Failing deliveries'],
  ['dead-letters', 'Dead letters'],
  ['sync-runs', 'Last sync runs'],
  ['rejected-events', 'Rejected events'],
] as const;

/** One system: its status, then the failing deliveries, dead letters, last sync runs and rejected events. */
export function SystemPage({ systemKey }: { systemKey: string }) {
  const { can } = useSession();
  const canAct = can('steward');
  const status = useQuery({ queryKey: ['status'], queryFn: () => gql(SystemsStatusQuery), refetchInterval: 15_000 });
  const s = status.data?.status.systems.find((x) => x.key === systemKey);
  const [ready, setReady] = useState<string[]>([]);
  const onReady = useCallback((id: string) => setReady((r) => (r.includes(id) ? r : [...r, id])), []);
  useScrollToHash(ready.length === SYSTEM_SECTIONS.length);

  if (status.isPending) return <p role="status">Loading the system…</p>;
  if (status.error) return <p className="error" role="alert">{(status.error as Error).message}</p>;
  if (!s) {
    return (
      <section aria-labelledby="sys-title">
        <h1 id="sys-title">No such system</h1>
        <p>The configuration has no system “{systemKey}”. <Link href="/systems">See every system</Link>.</p>
      </section>
    );
  }
  return (
    <article aria-labelledby="sys-title" className="system">
      <header className="page-head">
        <h1 id="sys-title">{s.name} ({s.key})</h1>
        <p className="muted">{s.direction} · {s.entityTypes.join(', ')} · <Link href="/systems">all systems</Link></p>
        <dl className="metrics">
          <div><dt>Last sync</dt><dd>{s.lastSync ? <time dateTime={s.lastSync.at}>{exactTime(s.lastSync.at)}</time> : 'never'}</dd></div>
          <div><dt>Errors (24 h)</dt><dd>{s.errors24h.total}</dd></div>
          <div><dt>Inbox pending</dt><dd>{s.queue.inboxPending}</dd></div>
          <div><dt>Outbox queued</dt><dd>{s.queue.outboxQueued ?? 0}</dd></div>
          <div><dt>Open conflicts</dt><dd>{s.openConflicts}</dd></div>
          <div><dt>Linked records</dt><dd>{s.records.linked}</dd></div>
        </dl>
        <nav aria-label="Sections of this system">
          <ul className="plain row">
            {SYSTEM_SECTIONS.map(([id, title]) => <li key={id}><a href={`#${id}`}>{title}</a></li>)}
          </ul>
        </nav>
      </header>
      <FailingDeliveries system={s.key} canAct={canAct} onReady={onReady} />
      <DeadLetters system={s.key} canAct={canAct} onReady={onReady} />
      <SyncRuns system={s.key} onReady={onReady} />
      <RejectedEvents system={s.key} canAct={canAct} onReady={onReady} />
    </article>
  );
}

/**
 * A link such as /console/systems/B#dead-letters opens the page before its sections exist, so the browser cannot
 * scroll there itself: once the page is rendered, scroll to the section and focus it (screen readers start there).
 */
function useScrollToHash(ready: boolean) {
  // Sections above the target still loading would push it down again: `ready` once every section has its rows.
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    const id = decodeURIComponent(window.location.hash.slice(1));
    const el = id ? document.getElementById(id) : null;
    // after the shell's own focus move on a new page, which would otherwise scroll back to the top
    if (el) setTimeout(() => {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'start' });
    }, 0);
  }, [ready]);
}
