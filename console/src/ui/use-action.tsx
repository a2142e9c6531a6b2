import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/client';

/**
 * Runs one steward action, then refetches what it changed. `message` reports the outcome in a live region;
 * failures show their API code so a steward can tell "already resolved" from "not allowed".
 */
export function useAction() {
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  /** `done` is the message on success, or makes it from what the action answered (a count, an outcome). */
  const run = async <T,>(action: () => Promise<T>, done: string | ((result: T) => string)): Promise<boolean> => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await action();
      await queries.invalidateQueries();
      setMessage({ kind: 'ok', text: typeof done === 'function' ? done(result) : done });
      return true;
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? `${err.message} (${err.code})` : String(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, run };
}

export function ActionMessage({ message }: { message: { kind: 'ok' | 'error'; text: string } | null }) {
  if (!message) return <p role="status" className="visually-hidden" />;
  return message.kind === 'ok'
    ? <p role="status" className="notice">{message.text}</p>
    : <p role="alert" className="error">{message.text}</p>;
}
