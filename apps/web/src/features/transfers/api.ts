import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { toProblem } from '../../lib/api/problem';
import type { components } from '../../lib/api/schema';

export type Transfer = components['schemas']['TransferDto'];
export type AnswerTransfer = components['schemas']['AnswerTransferDto'];

/** R31: transfers waiting for her organisation's answer, and those it proposed (its records). */
export function useTransfers() {
  return useQuery({
    queryKey: ['transfers'],
    queryFn: () => unwrap(api.GET('/api/v1/transfers', { params: { query: { status: 'all' } } })),
  });
}

/** The receiving supervisor's answer: accepted (naming the caseworker) or declined. */
export function useAnswerTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ caseId, body }: { caseId: string; body: AnswerTransfer }) => {
      const { error, response } = await api.POST('/api/v1/cases/{caseId}/transfer/answer', {
        params: { path: { caseId } },
        body,
      });
      if (!response.ok) throw toProblem(response.status, error);
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['transfers'] }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
      ]),
  });
}

/** Her organisation's staff, for naming the responsible caseworker on acceptance (R22). */
export function useStaff() {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 500 } } })),
    staleTime: 5 * 60_000,
  });
}
