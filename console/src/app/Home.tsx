import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { gql } from '../api/client';
import { useSession } from '../api/session';
import { graphql } from '../gql';
import { PAGES } from './pages';

const HomeCounts = graphql(`
  query HomeCounts {
    conflictFacets(status: open) { total }
  }
`);

export function Home() {
  const { caller, can } = useSession();
  const counts = useQuery({ queryKey: ['home-counts'], queryFn: () => gql(HomeCounts) });
  const open = counts.data?.conflictFacets.total;
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Welcome, {caller?.name}</h1>
      <p>
        {can('steward') ? 'You can review and decide.' : 'You can look at everything; decisions need a steward key.'}
        {open !== undefined && <> There {open === 1 ? 'is' : 'are'} <strong>{open}</strong> open conflict{open === 1 ? '' : 's'}.</>}
      </p>
      <ul className="cards">
        {PAGES.map((p) => (
          <li key={p.path} className="card">
            <h2><Link href={p.path}>{p.title}</Link></h2>
            <p>{p.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
