/**
 * The console's pages, in navigation order. A page is listed only once it is built: the shell shows no link that
 * leads nowhere. To add one, write its component, add its <Route> in App.tsx and its entry here.
 */
export interface PageEntry {
  path: string;
  title: string;
  /** one line for the start page */
  summary: string;
}

export const PAGES: PageEntry[] = [
  { path: '/conflicts', title: 'Conflict inbox', summary: 'Sources that disagree on a field: compare the values and decide, one by one or in bulk.' },
  { path: '/golden-records', title: 'Golden records', summary: 'Find a record by name, e-mail or source id: its values, where each came from, its history.' },
  { path: '/duplicates', title: 'Duplicates', summary: 'Pairs of records that look alike, compared field by field: merge them or mark them as not a match.' },
  { path: '/rules', title: 'Rules', summary: 'Which system wins, per entity type and per field: preview the impact of a new order, apply it, follow the recompute.' },
  { path: '/systems', title: 'Systems', summary: 'Each connected system: last sync, failing deliveries, dead letters, sync runs and rejected events.' },
];
