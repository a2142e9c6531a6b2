import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { gql } from '../api/client';
import { JobQuery } from './rules-queries';

const DONE = ['succeeded', 'failed', 'cancelled'];

/** A job's progress, polled every half second until it ends (then whatever it changed is refetched). */
export function JobProgress({ id, title }: { id: string; title: string }) {
  const queries = useQueryClient();
  const job = useQuery({
    queryKey: ['job', id],
    queryFn: () => gql(JobQuery, { id }),
    refetchInterval: (q) => (DONE.includes(q.state.data?.job?.status ?? '') ? false : 500),
  });
  const j = job.data?.job;
  const finished = j && DONE.includes(j.status);
  useEffect(() => {
    if (finished) void queries.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'job' });
  }, [finished, queries]);
  const titleId = `job-${id}`;
  return (
    <div className="job panel" role="group" aria-labelledby={titleId} data-job-id={id}>
      <h3 id={titleId}>{title}</h3>
      {job.error && <p className="error" role="alert">{(job.error as Error).message}</p>}
      {j && (
        <>
          <progress aria-labelledby={titleId} max={1} value={j.status === 'succeeded' ? 1 : (j.progress ?? undefined)} />
          <p role="status">
            <span className={`status status-job-${j.status}`}>{j.status}</span>{' '}
            {j.processed} of {j.total ?? '?'} records looked at, {j.changed} changed
            {j.lastError && <> — {j.lastError}</>}
          </p>
        </>
      )}
    </div>
  );
}
