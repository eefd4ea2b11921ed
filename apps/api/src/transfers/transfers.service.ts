import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '@ariadne/domain';
import { DATA_SOURCE, IdentityRepository } from '@ariadne/persistence';
import { CaseAccess, type CaseId, caseNotFound } from '../access';
import { problem } from '../common/problem';
import { type CaseSummaryDto, summaryToDto } from '../cases/cases.dto';
import { CaseCommandsService } from '../cases/case-commands.service';
import { CaseWorkflowClient } from '../cases/case-workflow.client';
import type { CommandTarget } from '../cases/commands/command-route';
import { toCommunication } from '../cases/commands/validation';
import type {
  AnswerTransferDto,
  ProposeTransferDto,
  TransferDto,
  TransferStatus,
} from './transfers.dto';

interface TransferRow {
  case_id: string;
  transfer_id: string;
  reference: string | null;
  country: string;
  from_organisation_id: string;
  to_organisation_id: string;
  status: TransferStatus;
  proposed_by: string;
  proposed_at: Date;
  answered_by: string | null;
  answered_at: Date | null;
}

function toDto(r: TransferRow): TransferDto {
  return {
    caseId: r.case_id,
    transferId: r.transfer_id,
    reference: r.reference,
    country: r.country.trim(),
    fromOrganisationId: r.from_organisation_id,
    toOrganisationId: r.to_organisation_id,
    status: r.status,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at.toISOString(),
    answeredBy: r.answered_by,
    answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
  };
}

const refused = (field: string, message: string, detail: string) =>
  problem(HttpStatus.UNPROCESSABLE_ENTITY, 'rule-violation', 'Refused by rule R31', {
    rule: 'R31',
    detail,
    errors: [{ field, message }],
  });

/**
 * R31: a case moves to another organisation of the same country. The case itself (its workflow,
 * events, deadlines and timers) decides every step; this service checks what only the API
 * knows (organisations and their countries, who may answer) and keeps the transfer record that
 * both organisations see: for the sender, after acceptance, the case's closed stub.
 */
@Injectable()
export class TransfersService {
  private readonly identity: IdentityRepository;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly cases: CaseCommandsService,
    private readonly access: CaseAccess,
    private readonly workflows: CaseWorkflowClient,
  ) {
    this.identity = new IdentityRepository(ds.manager);
  }

  async propose(t: CommandTarget, dto: ProposeTransferDto): Promise<CaseSummaryDto> {
    const found = await this.access.require(t.actor, t.caseId, 'case.command');
    const receiver = await this.identity.findOrganisationById(dto.receivingOrganisationId);
    if (!receiver || receiver.country.trim() !== found.country) {
      throw refused(
        'receivingOrganisationId',
        'must be an organisation of the case’s country',
        'A case is transferred within its country only; across a border it is referred (R18).',
      );
    }
    const summary = await this.cases.command(t, {
      type: 'ProposeTransfer',
      receivingOrganisationId: dto.receivingOrganisationId,
      communication: toCommunication(dto.communication),
    });
    const state = await this.workflows.state(t.caseId);
    if (state.status !== 'none' && state.transfer) {
      await this.ds.query(
        `INSERT INTO case_transfers (case_id, transfer_id, reference, country, from_organisation_id,
           to_organisation_id, status, proposed_by, proposed_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7, $8)
         ON CONFLICT (case_id, transfer_id) DO NOTHING`,
        [
          t.caseId,
          state.transfer.transferId,
          found.reference,
          found.country,
          found.organisationId,
          state.transfer.toOrganisationId,
          state.transfer.proposedBy,
          state.transfer.proposedAt,
        ],
      );
    }
    return summary;
  }

  /**
   * The receiving organisation's supervisor answers. She cannot see the case before she accepts
   * it: the open transfer record to her organisation is her access, and only to this command.
   */
  async answer(t: CommandTarget, dto: AnswerTransferDto): Promise<CaseSummaryDto | undefined> {
    const { actor } = t;
    // Only a supervisor of the receiving organisation learns that the case exists (P3).
    const open =
      actor.role === 'supervisor'
        ? await this.openTransferTo(actor.organisationId, t.caseId)
        : undefined;
    if (!open) throw caseNotFound();
    if (dto.response === 'accepted') {
      const user = dto.assigneeId ? await this.identity.findUserById(dto.assigneeId) : null;
      const fits =
        user?.active &&
        user.organisationId === actor.organisationId &&
        (user.role === 'caseworker' || user.role === 'supervisor');
      if (!fits) {
        throw problem(HttpStatus.UNPROCESSABLE_ENTITY, 'rule-violation', 'Refused by rule R22', {
          rule: 'R22',
          detail: 'The responsible caseworker must be an active caseworker of your organisation.',
          errors: [
            { field: 'assigneeId', message: 'must name an active caseworker of your organisation' },
          ],
        });
      }
    }
    const result = await this.workflows.execute(t.caseId, {
      command: {
        type: 'AnswerTransfer',
        response: dto.response,
        ...(dto.assigneeId !== undefined && { assigneeId: dto.assigneeId }),
      },
      actor,
      commandId: t.ctx.idempotencyKey ?? randomUUID(),
      correlationId: t.ctx.requestId,
      expectedVersion: t.ctx.expectedVersion,
    });
    await this.settle(t.caseId, open.transfer_id, dto.response, actor.userId);
    return dto.response === 'accepted' && result.summary ? summaryToDto(result.summary) : undefined;
  }

  async withdraw(t: CommandTarget): Promise<CaseSummaryDto> {
    const state = await this.workflows.state(t.caseId);
    const pending = state.status !== 'none' ? state.transfer : undefined;
    const summary = await this.cases.command(t, { type: 'WithdrawTransfer' });
    if (pending) await this.settle(t.caseId, pending.transferId, 'withdrawn', t.actor.userId);
    return summary;
  }

  /** Transfers to the actor's organisation and from it (the sender's stubs). */
  async list(
    actor: Actor,
    status: 'open' | 'all',
  ): Promise<{ incoming: TransferDto[]; outgoing: TransferDto[] }> {
    const onlyOpen = status === 'open' ? `AND status = 'proposed'` : '';
    const [incoming, outgoing]: TransferRow[][] = await Promise.all([
      this.ds.query(
        `SELECT * FROM case_transfers WHERE to_organisation_id = $1 ${onlyOpen}
         ORDER BY proposed_at DESC, case_id LIMIT 500`,
        [actor.organisationId],
      ),
      this.ds.query(
        `SELECT * FROM case_transfers WHERE from_organisation_id = $1 ${onlyOpen}
         ORDER BY proposed_at DESC, case_id LIMIT 500`,
        [actor.organisationId],
      ),
    ]);
    // A caseworker of the receiver sees nothing incoming: her supervisor answers (R31).
    return {
      incoming: actor.role === 'supervisor' ? incoming.map(toDto) : [],
      outgoing: outgoing.map(toDto),
    };
  }

  private async openTransferTo(
    organisationId: string,
    caseId: CaseId,
  ): Promise<TransferRow | undefined> {
    const rows: TransferRow[] = await this.ds.query(
      `SELECT * FROM case_transfers WHERE case_id = $1 AND to_organisation_id = $2 AND status = 'proposed'`,
      [caseId, organisationId],
    );
    return rows[0];
  }

  private async settle(
    caseId: string,
    transferId: string,
    status: TransferStatus,
    by: string,
  ): Promise<void> {
    await this.ds.query(
      `UPDATE case_transfers SET status = $3, answered_by = $4, answered_at = now()
       WHERE case_id = $1 AND transfer_id = $2 AND status = 'proposed'`,
      [caseId, transferId, status, by],
    );
  }
}
