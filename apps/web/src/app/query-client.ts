import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../lib/api/problem';

/**
 * Server state only (TanStack Query); nothing is persisted, and the session clears it on sign-out.
 * A 4xx is an answer, not a glitch: never retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}
