import { Injectable } from '@nestjs/common';
import type { Actor } from '@ariadne/domain';
import { CaseSummaryRepository, type CaseSummaryEntity } from '@ariadne/persistence';
import { type CaseId, caseNotFound } from './case-id';
import { type CasePermission, requireAccess } from './permissions';

/** Looks a case up and decides access to it: what every case route does first. */
@Injectable()
export class CaseAccess {
  constructor(private readonly summaries: CaseSummaryRepository) {}

  /** The case, if it exists and the actor has the permission on it; otherwise 404 either way (P3). */
  async require(
    actor: Actor,
    caseId: CaseId,
    permission: CasePermission,
    /** The same case's read, started earlier (access/case-prefetch.ts); decided on here. */
    prefetched?: Promise<CaseSummaryEntity | null>,
  ): Promise<CaseSummaryEntity> {
    const found = await (prefetched ?? this.summaries.find(caseId));
    if (!found) throw caseNotFound();
    requireAccess(actor, permission, found);
    return found;
  }
}
