import type { CommandResult } from '@ariadne/contracts';
import { type CaseSummary, caseSummary, DEFAULT_POLICIES } from '@ariadne/domain';
import type {
  CaseSummaryEntity,
  CaseSummaryRepository,
  IdentityRepository,
} from '@ariadne/persistence';
import { stateOf, history } from '../../../../test/support/decider-spec';
import { CASEWORKER, IDENTIFY, opened } from '../../../../test/support/fixtures';
import { type CaseAccess, parseCaseId } from '../access';
import type { CaseReferences } from '../case-reference/case-references.service';
import { CaseCommandsService } from './case-commands.service';
import type { CaseWorkflowClient } from './case-workflow.client';
import { summaryToDto, toCaseSummaryDto } from './cases.dto';

const CASE_ID = parseCaseId('5f0c2a4e-9b1d-4c3e-8f7a-1b2c3d4e5f60');

function summary(): CaseSummary {
  const s = caseSummary(CASE_ID, stateOf(history([opened()], IDENTIFY)));
  if (!s) throw new Error('no summary');
  return s;
}

/** The read model's row for a summary, as PostgreSQL gives it back. */
function row(s: CaseSummary): CaseSummaryEntity {
  const d = (x: string | null): Date | null => (x ? new Date(x) : null);
  return {
    ...s,
    returnChecklist: s.returnChecklist ? s.returnChecklist.map((i) => ({ ...i })) : null,
    openedAt: new Date(s.openedAt),
    lastProgressAt: new Date(s.lastProgressAt),
    stalledSince: d(s.stalledSince),
    earliestDueAt: d(s.earliestDueAt),
    reflectionStartedAt: d(s.reflectionStartedAt),
    reflectionEndsAt: d(s.reflectionEndsAt),
    reflectionEndedAt: d(s.reflectionEndedAt),
    nextDueAt: d(s.nextDueAt),
    updatedAt: new Date(),
  } as unknown as CaseSummaryEntity;
}

function service(result: CommandResult) {
  const found = row(summary());
  const access = { require: jest.fn().mockResolvedValue(found) };
  const workflows = { execute: jest.fn().mockResolvedValue(result) };
  const svc = new CaseCommandsService(
    workflows as unknown as CaseWorkflowClient,
    access as unknown as CaseAccess,
    {} as CaseSummaryRepository,
    {} as IdentityRepository,
    { get: () => DEFAULT_POLICIES.SE } as never,
    {} as CaseReferences,
    { afterSenderCommand: jest.fn().mockResolvedValue(undefined) } as never,
  );
  const target = { actor: CASEWORKER, caseId: CASE_ID, ctx: { requestId: 'r-1' } };
  return { svc, access, workflows, target };
}

describe('a command answers the summary its update appended', () => {
  it('summaryToDto gives the same answer as the row read back', () => {
    const s = summary();
    expect(summaryToDto(s)).toEqual(toCaseSummaryDto(row(s)));
  });

  it('answers from the update result, reading the case once (access) and not again', async () => {
    const s = summary();
    const { svc, access, workflows, target } = service({
      caseId: CASE_ID,
      version: s.version,
      events: [],
      summary: s,
    });
    const answer = await svc.command(target, { type: 'RecordHealthCheckOffered' });
    expect(answer).toEqual(summaryToDto(s));
    expect(workflows.execute).toHaveBeenCalledTimes(1);
    expect(access.require).toHaveBeenCalledTimes(1);
    // No read started by the AuthGuard in this test (access/case-prefetch.ts): undefined.
    expect(access.require).toHaveBeenCalledWith(CASEWORKER, CASE_ID, 'case.command', undefined);
  });

  it('a retried update of an older run (no summary in its result) reads the case back', async () => {
    const { svc, access, target } = service({ caseId: CASE_ID, version: 3, events: [] });
    const answer = await svc.command(target, { type: 'RecordHealthCheckOffered' });
    expect(answer).toEqual(summaryToDto(summary()));
    expect(access.require).toHaveBeenCalledTimes(2);
    expect(access.require).toHaveBeenLastCalledWith(CASEWORKER, CASE_ID, 'case.read');
  });
});
