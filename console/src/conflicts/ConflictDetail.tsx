import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import type { ConflictInboxQuery } from '../gql/graphql';
import { editableText, exactTime, formatValue, parseEnteredValue, relativeTime } from '../ui/format';
import { candidatesOf } from './candidates';

type Conflict = ConflictInboxQuery['conflicts']['nodes'][number];

interface Props {
  conflict: Conflict;
  canAct: boolean;
  fieldType: string;
  systemName(key: string): string;
  onResolve(resolution: { system?: string; value?: unknown }): Promise<void>;
}

/** The competing values side by side, each with its system and time; a steward keeps one or enters another. */
export function ConflictDetail({ conflict, canAct, fieldType, systemName, onResolve }: Props) {
  const candidates = candidatesOf(conflict.values);
  const [text, setText] = useState(editableText(conflict.winningValue));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = conflict.status !== 'resolved';

  const run = async (resolution: { system?: string; value?: unknown }) => {
    setBusy(true);
    setError(null);
    try {
      await onResolve(resolution);
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err));
    } finally {
      setBusy(false);
    }
  };

  const submitValue = (e: FormEvent) => {
    e.preventDefault();
    let value: unknown;
    try {
      value = parseEnteredValue(text, fieldType);
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    void run({ value });
  };

  const inputId = `value-${conflict.id}`;
  return (
    <div className="detail-body">
      <ul className="candidates" aria-label={`Values for ${conflict.field}`}>
        {candidates.map((c, i) => (
          <li key={`${c.system}-${i}`} className={c.system === conflict.winner ? 'candidate winner' : 'candidate'}>
            <p className="system">{systemName(c.system)} <span className="muted">({c.system})</span></p>
            <p className="value">{formatValue(c.value)}</p>
            {c.at && <p className="muted small"><time dateTime={c.at} title={exactTime(c.at)}>{relativeTime(c.at)}</time></p>}
            {c.system === conflict.winner && <p className="badge">{conflict.status === 'resolved' ? 'chosen' : 'holds now'}</p>}
            {canAct && open && (
              <button type="button" disabled={busy} onClick={() => void run({ system: c.system })}>
                Keep {c.system}&rsquo;s value
              </button>
            )}
          </li>
        ))}
      </ul>
      <p className="muted small">
        Rule <code>{conflict.rule}</code>
        {conflict.resolvedBy && <> · resolved by {conflict.resolvedBy}</>}
        {conflict.resolvedAt && <> <time dateTime={conflict.resolvedAt}>{relativeTime(conflict.resolvedAt)}</time></>}
      </p>
      {canAct && open && (
        <form className="row" onSubmit={submitValue}>
          <label htmlFor={inputId}>Or enter a value ({fieldType})</label>
          <input id={inputId} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          <button type="submit" disabled={busy}>Resolve with this value</button>
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
