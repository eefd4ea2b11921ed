import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { DataSource } from 'typeorm';
import { POLICIES } from '@ariadne/config';
import type { CommandEnvelope, CommandResult } from '@ariadne/contracts';
import {
  type Actor,
  type DataCategory,
  DATA_CATEGORIES,
  type OpenCase,
  type PolicyCountry,
  type PolicyRegistry,
  personalPaths,
  type ReferralPurpose,
} from '@ariadne/domain';
import { AuditTrail, DATA_SOURCE, IdentityRepository } from '@ariadne/persistence';
import { CASE_KEYS, type CaseKeyStore, isErased } from '@ariadne/security';
import { type CaseId, parseCaseId } from '../access';
import { CaseReferences } from '../case-reference/case-references.service';
import { CaseWorkflowClient } from '../cases/case-workflow.client';
import { problem } from '../common/problem';
import type {
  AnswerReferralDto,
  ReceivedReferralDetailDto,
  ReceivedReferralDto,
  ReferralAnswerDto,
  ReceivedStatus,
} from './received-referrals.dto';

/** The namespace of linked case ids, derived from the referral (fixed, never change). */
const LINKED_CASE_NAMESPACE = '5c2b9e61-3f0a-4d7e-8b14-9a6f2d0c7e53';
const REFERRAL_ID = /^referral-[1-9][0-9]{0,8}$/;

interface Row {
  caseId: string;
  referralId: string;
  reference: string | null;
  senderOrganisationId: string;
  senderCountry: string;
  purpose: string;
  categories: string[];
  sentAt: string;
  answer: string | null;
  answerData: Record<string, string> | null;
  sharingStoppedAt: string | null;
  position: string;
}

const notFound = () =>
  problem(HttpStatus.NOT_FOUND, 'referral-not-found', 'No such referral', {
    detail: 'No referral with this case and referral id was sent to your organisation.',
  });

/**
 * R18: the referrals sent to the actor's organisation, answered by it. The receiver sees a
 * referral's data only when she opens it (each category revealed is audited), and only while her
 * consent stands; accepting opens a linked case at the receiver that holds only those categories,
 * encrypted under its own key.
 */
@Injectable()
export class ReceivedReferralsService {
  private readonly trail: AuditTrail;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyStore,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    private readonly workflows: CaseWorkflowClient,
    private readonly references: CaseReferences,
    private readonly identity: IdentityRepository,
  ) {
    this.trail = new AuditTrail(ds);
  }

  async list(actor: Actor): Promise<ReceivedReferralDto[]> {
    const rows = await this.rows(actor.organisationId);
    return rows.map(toDto);
  }

  async get(
    actor: Actor,
    caseIdParam: string,
    referralId: string,
    requestId: string | null,
  ): Promise<ReceivedReferralDetailDto> {
    const { row, caseId } = await this.find(actor, caseIdParam, referralId);
    const dto = toDto(row);
    if (dto.status === 'withdrawn' || dto.sharingStoppedAt !== null) {
      return { ...dto, personal: null };
    }
    const personal = await this.openPersonal(caseId, referralId);
    // One entry per category revealed: the trail answers "who saw her health data" (P5).
    for (const category of Object.keys(personal) as DataCategory[]) {
      await this.trail.append({
        actorId: actor.userId,
        actorRole: actor.role,
        organisationId: actor.organisationId,
        action: 'referral.received.reveal',
        caseId,
        categories: [category],
        purpose: 'referral',
        outcome: 'allowed',
        requestId,
      });
    }
    return { ...dto, personal };
  }

  /**
   * R18: the receiver's own answer, recorded on the sending case under her name. Accepting
   * first records the answer (naming the linked case), then opens the linked case with the
   * referral's data: ids derived from the referral, so that a retry reaches the same case.
   */
  async answer(
    actor: Actor,
    caseIdParam: string,
    referralId: string,
    dto: AnswerReferralDto,
    requestId: string,
  ): Promise<ReferralAnswerDto> {
    const { row, caseId } = await this.find(actor, caseIdParam, referralId);
    const reasonCode = dto.reasonCode ?? undefined;
    if (dto.response === 'declined') {
      await this.execute(caseId, actor, requestId, `answer:${caseId}:${referralId}`, {
        type: 'RecordCrossBorderReferralResponse',
        referralId,
        response: 'declined',
        ...(reasonCode !== undefined && { reasonCode }),
      });
      return { status: 'declined', linkedCaseId: null, linkedCaseReference: null };
    }
    if (reasonCode !== undefined) {
      throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
        detail: 'reasonCode: for a declined referral only',
        errors: [{ field: 'reasonCode', message: 'for a declined referral only' }],
      });
    }
    const organisation = await this.identity.findOrganisationById(actor.organisationId);
    const policy = organisation && this.policies.get(organisation.country as PolicyCountry);
    if (!policy) {
      throw problem(HttpStatus.UNPROCESSABLE_ENTITY, 'no-policy', 'No policy for this country', {
        detail: "No country policy is configured for the country of the actor's organisation.",
      });
    }
    const linkedCaseId = parseCaseId(uuidv5(`${caseId}\n${referralId}`, LINKED_CASE_NAMESPACE));
    const reference = await this.references.reserve(linkedCaseId, policy.country);
    // Read before the answer: once accepted, her data still travels only under her consent.
    const personal = await this.openPersonal(caseId, referralId);
    if (row.answer === null) {
      await this.execute(caseId, actor, requestId, `answer:${caseId}:${referralId}`, {
        type: 'RecordCrossBorderReferralResponse',
        referralId,
        response: 'accepted',
        linkedCaseId,
        linkedCaseReference: reference,
      });
    } else if (row.answerData?.['linkedCaseId'] !== linkedCaseId) {
      throw problem(HttpStatus.CONFLICT, 'rule-violation', 'Refused by rule R18', {
        rule: 'R18',
        detail: 'The referral is already answered.',
      });
    }
    const open: CommandEnvelope<OpenCase> = {
      command: {
        type: 'OpenCase',
        referralSource: 'ngo-outreach',
        policy,
        organisationId: actor.organisationId,
        assigneeId: actor.userId,
        reference,
        linkedReferral: {
          sourceCaseId: caseId,
          ...(row.reference !== null && { sourceReference: row.reference }),
          sourceOrganisationId: row.senderOrganisationId,
          referralId,
          purpose: row.purpose as ReferralPurpose,
          categories: row.categories as DataCategory[],
          personal,
        },
      },
      actor,
      commandId: `open-linked:${linkedCaseId}`,
      correlationId: requestId,
    };
    await this.workflows.open(linkedCaseId, open, true);
    return { status: 'accepted', linkedCaseId, linkedCaseReference: reference };
  }

  /**
   * R18, P4: her consent was withdrawn after acceptance on the sending case; the linked case
   * records that sharing stopped. Called after a command on the sending case answered.
   */
  async afterSenderCommand(
    caseId: CaseId,
    actor: Actor,
    result: CommandResult,
    requestId: string,
  ): Promise<void> {
    const stopped = result.events.filter((e) => e.type === 'CrossBorderReferralSharingStopped');
    for (const e of stopped) {
      const rows: Array<{ data: Record<string, string> }> = await this.ds.query(
        `SELECT data FROM case_events WHERE case_id = $1 AND version = $2`,
        [caseId, e.version],
      );
      const data = rows[0]?.data;
      const linked = data?.['linkedCaseId'];
      if (!data || !linked) continue;
      await this.execute(parseCaseId(linked), actor, requestId, `stop:${linked}`, {
        type: 'RecordLinkedSharingStopped',
        sourceCaseId: caseId,
        referralId: String(data['referralId']),
      });
    }
  }

  private async execute(
    caseId: CaseId,
    actor: Actor,
    correlationId: string,
    commandId: string,
    command: CommandEnvelope['command'],
  ): Promise<CommandResult> {
    return this.workflows.execute(caseId, {
      command,
      actor,
      commandId: `${commandId}:${randomUUID()}`,
      correlationId,
    });
  }

  /** What a referral carried: its categories, the recipient's country and the data, opened. */
  async sentEvent(
    caseId: CaseId,
    referralId: string,
  ): Promise<{
    categories: DataCategory[];
    recipientCountry: string;
    personal: Record<string, Record<string, string>>;
  }> {
    const rows: Array<{ data: Record<string, unknown> }> = await this.ds.query(
      `SELECT data FROM case_events
        WHERE case_id = $1 AND type = 'CrossBorderReferralSent' AND data->>'referralId' = $2`,
      [caseId, referralId],
    );
    const data = rows[0]?.data;
    if (!data) throw notFound();
    return {
      categories: (data['categories'] ?? []) as DataCategory[],
      recipientCountry: String(data['recipientCountry']),
      personal: await this.openPersonal(caseId, referralId),
    };
  }

  /** The referral's personal data, decrypted with the sending case's key (never logged). */
  private async openPersonal(
    caseId: CaseId,
    referralId: string,
  ): Promise<Record<string, Record<string, string>>> {
    const rows: Array<{ data: Record<string, unknown> }> = await this.ds.query(
      `SELECT data FROM case_events
        WHERE case_id = $1 AND type = 'CrossBorderReferralSent' AND data->>'referralId' = $2`,
      [caseId, referralId],
    );
    const data = rows[0]?.data;
    if (!data) throw notFound();
    const open = await this.keys.decryptPersonal(
      caseId,
      data,
      personalPaths('CrossBorderReferralSent'),
    );
    const personal = (open['personal'] ?? {}) as Record<string, unknown>;
    const out: Record<string, Record<string, string>> = {};
    for (const category of DATA_CATEGORIES) {
      const value = personal[category];
      if (typeof value !== 'object' || value === null || isErased(value)) continue;
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(value)) if (typeof v === 'string') fields[k] = v;
      out[category] = fields;
    }
    return out;
  }

  private async find(
    actor: Actor,
    caseIdParam: string,
    referralId: string,
  ): Promise<{ row: Row; caseId: CaseId }> {
    // Malformed ids are simply not found: nothing is echoed (P1).
    let caseId: CaseId;
    try {
      caseId = parseCaseId(caseIdParam);
    } catch {
      throw notFound();
    }
    if (!REFERRAL_ID.test(referralId)) throw notFound();
    const [row] = await this.rows(actor.organisationId, { caseId, referralId });
    if (!row) throw notFound();
    return { row, caseId };
  }

  private rows(
    organisationId: string,
    one?: { caseId: string; referralId: string },
  ): Promise<Row[]> {
    const params: unknown[] = [organisationId];
    let where = `e.type = 'CrossBorderReferralSent' AND e.data->>'recipientOrganisationId' = $1`;
    if (one) {
      params.push(one.caseId, one.referralId);
      where += ` AND e.case_id = $2 AND e.data->>'referralId' = $3`;
    }
    return this.ds.query(
      `SELECT e.position::text AS position, e.case_id AS "caseId", c.reference,
              c.organisation_id AS "senderOrganisationId", c.country AS "senderCountry",
              e.data->>'referralId' AS "referralId", e.data->>'purpose' AS purpose,
              COALESCE(e.data->'categories', '[]'::jsonb) AS categories,
              e.data->>'sentAt' AS "sentAt",
              a.type AS answer, a.data AS "answerData",
              s.data->>'stoppedAt' AS "sharingStoppedAt"
         FROM case_events e
         JOIN case_summaries c ON c.case_id = e.case_id
         LEFT JOIN LATERAL (
           SELECT x.type, x.data FROM case_events x
            WHERE x.case_id = e.case_id
              AND x.type IN ('CrossBorderReferralAccepted', 'CrossBorderReferralDeclined',
                             'CrossBorderReferralWithdrawn')
              AND x.data->>'referralId' = e.data->>'referralId'
            ORDER BY x.version LIMIT 1) a ON true
         LEFT JOIN LATERAL (
           SELECT x.data FROM case_events x
            WHERE x.case_id = e.case_id AND x.type = 'CrossBorderReferralSharingStopped'
              AND x.data->>'referralId' = e.data->>'referralId'
            ORDER BY x.version LIMIT 1) s ON true
        WHERE ${where}
        ORDER BY e.position DESC
        LIMIT 200`,
      params,
    );
  }
}

function statusOf(answer: string | null): ReceivedStatus {
  if (answer === 'CrossBorderReferralAccepted') return 'accepted';
  if (answer === 'CrossBorderReferralDeclined') return 'declined';
  if (answer === 'CrossBorderReferralWithdrawn') return 'withdrawn';
  return 'sent';
}

function toDto(r: Row): ReceivedReferralDto {
  const a = r.answerData ?? {};
  const status = statusOf(r.answer);
  return {
    caseId: r.caseId,
    referralId: r.referralId,
    reference: r.reference,
    senderOrganisationId: r.senderOrganisationId,
    senderCountry: r.senderCountry,
    purpose: r.purpose,
    categories: [...r.categories],
    sentAt: r.sentAt,
    status,
    respondedAt: status === 'accepted' || status === 'declined' ? (a['respondedAt'] ?? null) : null,
    reasonCode: a['reasonCode'] ?? null,
    linkedCaseId: a['linkedCaseId'] ?? null,
    linkedCaseReference: a['linkedCaseReference'] ?? null,
    sharingStoppedAt: r.sharingStoppedAt,
  };
}
