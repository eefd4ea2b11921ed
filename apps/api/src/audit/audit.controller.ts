import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { AuditTrail, IdentityRepository } from '@ariadne/persistence';
import { CurrentActor, Roles } from '../auth';
import { problem } from '../common/problem';
import { AuditAnchors } from './audit-anchors';
import { Audited } from './audited.decorator';
import { AuditPageDto, AuditQueryDto, AuditVerificationDto, toAuditEntryDto } from './audit.dto';

const DEFAULT_PAGE = 100;

/**
 * The audit trail for auditors (P5). An auditor sees the entries on cases of her own
 * organisation's country (whoever the actor: an attempt from abroad is the case's country's
 * business), the entries without a case by actors of her country's organisations, and those tied
 * to no country (refused tokens, sign-ins of unknown logins). Reading the trail is recorded.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@Controller({ path: 'audit', version: '1' })
export class AuditController {
  constructor(
    private readonly trail: AuditTrail,
    private readonly identity: IdentityRepository,
    private readonly anchors: AuditAnchors,
  ) {}

  /** Entries in order, oldest first; filter by case, actor, action and time; page by cursor. */
  @Get()
  @Audited({ action: 'audit.read', categories: [], purpose: 'audit' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: AuditQueryDto): Promise<AuditPageDto> {
    const organisation = await this.identity.findOrganisationById(actor.organisationId);
    if (!organisation) {
      throw problem(HttpStatus.FORBIDDEN, 'forbidden', 'No organisation for this account');
    }
    const from = q.from === undefined ? undefined : new Date(q.from);
    const to = q.to === undefined ? undefined : new Date(q.to);
    if (from && to && from.getTime() >= to.getTime()) {
      throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
        detail: 'from: must be before to',
        errors: [{ field: 'from', message: 'must be before to' }],
      });
    }
    const limit = q.limit ?? DEFAULT_PAGE;
    const rows = await this.trail.list({
      caseId: q.caseId?.toLowerCase(),
      actorId: q.actorId,
      action: q.action,
      from,
      to,
      country: organisation.country,
      afterSeq: q.after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map(toAuditEntryDto),
      nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
    };
  }

  /**
   * Recomputes the whole hash chain (keyed links with the audit keys) and checks it against the
   * latest anchor of ARIADNE_AUDIT_ANCHOR_FILE: ok with the count, or the first broken link (a
   * chain shorter than the anchored seq was truncated).
   */
  @Get('verify')
  @Audited({ action: 'audit.verify', categories: [], purpose: 'audit' })
  @ApiOkResponse({ type: AuditVerificationDto })
  async verify(): Promise<AuditVerificationDto> {
    return this.trail.verify({ anchor: await this.anchors.latest() });
  }
}
