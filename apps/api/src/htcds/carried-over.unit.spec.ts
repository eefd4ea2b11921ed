import { HttpException } from '@nestjs/common';
import type { CommandEnvelope, CommandResult } from '@ariadne/contracts';
import { caseSummary, DEFAULT_POLICIES } from '@ariadne/domain';
import type { CaseSummaryRepository, IdentityRepository } from '@ariadne/persistence';
import { history, stateOf } from '../../../../test/support/decider-spec';
import { CASEWORKER, IDENTIFY, opened } from '../../../../test/support/fixtures';
import { type CaseAccess, parseCaseId } from '../access';
import type { CaseReferences } from '../case-reference/case-references.service';
import { CaseCommandsService } from '../cases/case-commands.service';
import type { CaseWorkflowClient } from '../cases/case-workflow.client';
import { OpenCaseDto } from '../cases/cases.dto';
import { RecordIdentificationDto } from '../cases/commands/intake.dto';
import { validationPipe } from '../common/validation';

/**
 * R26a: the exemption from the maximum recording lag is not reachable from the public API. No
 * DTO declares `carriedOver` (an unknown field is refused with 400); only a caller inside the API
 * (the HTCDS import service) puts it on the envelope.
 */

async function status(metatype: new () => object, body: object): Promise<number> {
  try {
    await validationPipe.transform(body, { type: 'body', metatype });
    return 200;
  } catch (e) {
    if (e instanceof HttpException) return e.getStatus();
    throw e;
  }
}

const CASE_ID = parseCaseId('5f0c2a4e-9b1d-4c3e-8f7a-1b2c3d4e5f60');

describe('R26a: carriedOver only from inside the API', () => {
  it('opening a case: the body may date the referral but not claim to be carried over (400)', async () => {
    const body = { referralSource: 'other', occurredAt: '2026-11-30T00:00:00Z' };
    expect(await status(OpenCaseDto, body)).toBe(200);
    expect(await status(OpenCaseDto, { ...body, carriedOver: 'htcds-import' })).toBe(400);
  });

  it('a command: carriedOver in its body is refused (400)', async () => {
    const body = { outcome: 'reasonable-grounds', decidedBy: 'ngo' };
    expect(await status(RecordIdentificationDto, body)).toBe(200);
    expect(await status(RecordIdentificationDto, { ...body, carriedOver: 'htcds-import' })).toBe(
      400,
    );
  });

  it('the envelope carries it only when the caller inside the API set it on the target', async () => {
    const summary = caseSummary(CASE_ID, stateOf(history([opened()], IDENTIFY)));
    const result: CommandResult = {
      caseId: CASE_ID,
      version: 2,
      events: [],
      ...(summary && { summary }),
    };
    const workflows = { execute: jest.fn().mockResolvedValue(result) };
    const svc = new CaseCommandsService(
      workflows as unknown as CaseWorkflowClient,
      { require: jest.fn().mockResolvedValue({}) } as unknown as CaseAccess,
      {} as CaseSummaryRepository,
      {} as IdentityRepository,
      { get: () => DEFAULT_POLICIES.SE } as never,
      {} as CaseReferences,
      { afterSenderCommand: jest.fn().mockResolvedValue(undefined) } as never,
    );
    const target = { actor: CASEWORKER, caseId: CASE_ID, ctx: { requestId: 'r-1' } };
    await svc.command(target, { type: 'RecordHealthCheckOffered' });
    await svc.command(
      { ...target, carriedOver: 'htcds-import' },
      {
        type: 'RecordHealthCheckOffered',
      },
    );
    const sent = workflows.execute.mock.calls.map((c) => c[1] as CommandEnvelope);
    expect(sent[0]).not.toHaveProperty('carriedOver');
    expect(sent[1]).toMatchObject({ carriedOver: 'htcds-import' });
  });
});
