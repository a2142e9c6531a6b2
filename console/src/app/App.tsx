import { useEffect, useRef } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useSession } from '../api/session';
import { ConflictInbox } from '../conflicts/ConflictInbox';
import { DuplicatesPage } from '../duplicates/DuplicatesPage';
import { GoldenRecordPage } from '../golden/GoldenRecordPage';
import { GoldenSearch } from '../golden/GoldenSearch';
import { Home } from './Home';
import { RulesPage } from '../rules/RulesPage';
import { SystemPage } from '../systems/SystemPage';
import { SystemsPage } from '../systems/SystemsPage';
import { PAGES } from './pages';
import { SignIn } from './SignIn';

/** The shell: skip link, header with the built pages and the caller, then the page in <main>. */
export function App() {
  const { caller, checking, signOut } = useSession();
  const [location] = useLocation();
  const main = useRef<HTMLElement>(null);

  // A new page moves focus to its main region, as a full page load would for screen reader users.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location]);

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="top">
        <Link href="/" className="brand">Master data hub <span>steward console</span></Link>
        {caller && (
          <nav aria-label="Pages">
            <ul>
              {PAGES.map((p) => (
                <li key={p.path}>
                  <Link href={p.path} aria-current={isCurrent(location, p.path) ? 'page' : undefined}>{p.title}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {caller && (
          <div className="caller">
            <span>{caller.name} <span className={`role role-${caller.role}`}>{caller.role}</span></span>
            <button type="button" className="secondary" onClick={signOut}>Sign out</button>
          </div>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {!caller && !checking ? <SignIn /> : (
          <Switch>
            <Route path="/"><Home /></Route>
            <Route path="/conflicts"><ConflictInbox /></Route>
            <Route path="/golden-records"><GoldenSearch /></Route>
            <Route path="/golden-records/:id">{(params) => <GoldenRecordPage id={params.id} />}</Route>
            <Route path="/duplicates"><DuplicatesPage /></Route>
            <Route path="/rules"><RulesPage /></Route>
            <Route path="/systems"><SystemsPage /></Route>
            <Route path="/systems/:key">{(params) => <SystemPage systemKey={decodeURIComponent(params.key)} />}</Route>
            <Route><NotFound /></Route>
          </Switch>
        )}
      </main>
    </>
  );
}

function isCurrent(location: string, path: string): boolean {
  return location === path || location.startsWith(`${path}/`);
}

function NotFound() {
  return (
    <section aria-labelledby="nf-title">
      <h1 id="nf-title">Page not found</h1>
      <p>This console has no page here. <Link href="/">Go to the start page</Link>.</p>
    </section>
  );
}
