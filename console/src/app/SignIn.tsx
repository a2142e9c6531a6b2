import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { useSession } from '../api/session';

export function SignIn() {
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(key.trim());
    } catch (err) {
      setError(err instanceof ApiError && (err.code === 'API_KEY_INVALID' || err.code === 'API_KEY_MISSING')
        ? `The key was refused (${err.code}). Check it and paste it again.`
        : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <form onSubmit={(e) => void submit(e)} autoComplete="off">
        <label htmlFor="api-key">API key</label>
        <div className="row">
          <input id="api-key" type="password" required spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)}
            aria-describedby="key-help" aria-invalid={error ? true : undefined} />
          <button type="submit" disabled={busy || key.trim() === ''}>{busy ? 'Checking…' : 'Sign in'}</button>
        </div>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      <p id="key-help" className="help">
        A key with the <strong>viewer</strong> role reads; <strong>steward</strong> also resolves conflicts and edits
        records; <strong>admin</strong> also changes rules. The key stays in this browser tab only (sessionStorage) and
        is sent to this hub only; closing the tab forgets it.
      </p>
    </section>
  );
}
