import { useQuery } from '@tanstack/react-query';
import { gql } from '../api/client';
import { CatalogQuery } from '../conflicts/conflict-queries';

/** Entity types and system names in force; they change only with the configuration, so cached for a minute. */
export function useCatalog() {
  const q = useQuery({ queryKey: ['catalog'], queryFn: () => gql(CatalogQuery), staleTime: 60_000 });
  const systemName = (key: string) => q.data?.systems.find((s) => s.key === key)?.name ?? key;
  const fieldType = (entityType: string, field: string) =>
    q.data?.entityTypes.find((t) => t.name === entityType)?.fields.find((f) => f.name === field)?.type ?? 'string';
  return { ...q, systemName, fieldType };
}
