import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from './api/client';

/**
 * Organisation names for the boards (GET /organisations: her own, or her country's). Answers a
 * function from an organisation id to its name, or the id itself while loading, for an
 * organisation outside her directory (a receiving organisation abroad), or if the call fails.
 */
export function useOrganisationName(): (id: string) => string {
  const query = useQuery({
    queryKey: ['organisations'],
    queryFn: () => unwrap(api.GET('/api/v1/organisations')),
    // Organisations are renamed rarely; one fetch serves every board of the session.
    staleTime: 10 * 60_000,
  });
  const items = query.data?.items;
  return useCallback((id: string) => items?.find((o) => o.id === id)?.name ?? id, [items]);
}
