import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  Client,
  isGrpcServiceError,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import {
  CASE_WORKFLOW_TYPE,
  type CaseWorkflowInput,
  type CommandEnvelope,
  type CommandResult,
  caseCommandUpdate,
  caseStateQuery,
  openCaseUpdate,
  type PartnerFactEnvelope,
  partnerFactSignal,
} from '@ariadne/contracts';
import type { CaseState, OpenCase } from '@ariadne/domain';
import type { CaseId } from '../access';
import { problem } from '../common/problem';
import {
  isDependencyUnavailable,
  multiOperationCodes,
  serviceUnavailable,
} from '../common/unavailable';
import { problemFromTemporal } from './temporal-errors';

/** The gRPC error under the SDK's wrappers (ServiceError, WorkflowUpdate…Error), if any. */
function grpcCause(e: unknown): { code: number } | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur; i++) {
    if (isGrpcServiceError(cur)) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

const caseIsFinal = () =>
  problem(HttpStatus.CONFLICT, 'rule-violation', 'Refused by rule R23', {
    rule: 'R23',
    detail: 'The case is final: her personal data is erased and it takes no more commands.',
  });

/**
 * The API's one door to Temporal: a case is a workflow whose id is the case id. Temporal's
 * failures leave here as problems a client can act on (rule violations, stale If-Match …).
 */
@Injectable()
export class CaseWorkflowClient {
  constructor(
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts the case's workflow and opens the case in one call (update-with-start). With
   * `reuseExisting` (an Idempotency-Key), a retried request reaches the running workflow, where
   * Temporal answers the same update id once.
   */
  open(
    caseId: CaseId,
    envelope: CommandEnvelope<OpenCase>,
    reuseExisting: boolean,
  ): Promise<CommandResult> {
    const input: CaseWorkflowInput = { caseId };
    return this.call(() =>
      this.temporal.workflow.executeUpdateWithStart(openCaseUpdate, {
        args: [envelope],
        updateId: envelope.commandId,
        startWorkflowOperation: new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
          workflowId: caseId,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args: [input],
          workflowIdConflictPolicy: reuseExisting ? 'USE_EXISTING' : 'FAIL',
        }),
      }),
    );
  }

  /**
   * Sends one command to an existing case. Call it only once access is decided: a case that
   * exists but has no running workflow is final (R23), not missing.
   */
  execute(caseId: CaseId, envelope: CommandEnvelope): Promise<CommandResult> {
    return this.call(async () => {
      try {
        return await this.temporal.workflow.getHandle(caseId).executeUpdate(caseCommandUpdate, {
          args: [envelope],
          // Temporal deduplicates updates by id: a retried request is applied once.
          updateId: envelope.commandId,
        });
      } catch (e) {
        if (e instanceof WorkflowNotFoundError) throw caseIsFinal();
        throw e;
      }
    });
  }

  /**
   * R30: hands a partner's fact to the case (a Signal: docs/adr/0010). Not signalWithStart: a
   * partner never opens a case, so a case without a running workflow is final (R23), not new.
   */
  signalPartnerFact(caseId: CaseId, envelope: PartnerFactEnvelope): Promise<void> {
    return this.call(async () => {
      try {
        await this.temporal.workflow.getHandle(caseId).signal(partnerFactSignal, envelope);
      } catch (e) {
        if (e instanceof WorkflowNotFoundError) throw caseIsFinal();
        throw e;
      }
    });
  }

  /** The workflow's own state (no personal data in it: P1), as its query answers it. */
  state(caseId: CaseId): Promise<CaseState> {
    return this.call(() => this.temporal.workflow.getHandle(caseId).query(caseStateQuery));
  }

  /**
   * Every call is bounded (ARIADNE_COMMAND_WAIT_MS): with no worker polling, an Update would
   * otherwise wait until one returns. Past the bound the caller gets 503 with Retry-After.
   */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.temporal.withDeadline(Date.now() + this.config.ARIADNE_COMMAND_WAIT_MS, fn);
    } catch (e) {
      const known = problemFromTemporal(e);
      if (known) throw known;
      if (isDependencyUnavailable(e)) throw serviceUnavailable();
      // Say which gRPC code(s) Temporal answered (the SDK's wrapper hides them; codes, no ids).
      const grpc = grpcCause(e);
      if (grpc) {
        const codes = multiOperationCodes(grpc);
        // Not chained to Temporal's error on purpose: its messages name workflow ids.
        // eslint-disable-next-line preserve-caught-error
        throw new Error(
          `Temporal refused the call: gRPC code ${grpc.code}` +
            (codes ? `, operation codes ${codes.join(',')}` : ''),
        );
      }
      throw e;
    }
  }
}
