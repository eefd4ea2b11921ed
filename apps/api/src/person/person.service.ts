import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  type Actor,
  type CaseEventType,
  DATA_CATEGORIES,
  type DataCategory,
  PERSONAL_DATA,
  personalPaths,
} from '@ariadne/domain';
import { AuditTrail, DATA_SOURCE, EventStore } from '@ariadne/persistence';
import { CASE_KEYS, type CaseKeyStore, isErased } from '@ariadne/security';
import { CaseAccess, type CaseId } from '../access';
import {
  FOLDED_CATEGORIES,
  isRecordRestricted,
  visibleCategories,
  withoutHiddenCategories,
} from '../access/need-to-know';
import type { PersonCategoryDto, PersonDto } from './person.dto';

interface Latest {
  fields: Record<string, string>;
  updatedAt: string;
  version: number;
}

/**
 * Her current details (GET /cases/{id}/person): per data category, the latest value of each
 * field recorded, decrypted for who may see it (P3 by category, need-to-know.ts). Sensitive
 * categories come folded unless asked for one by one; each category revealed is recorded in the
 * audit trail on its own (P5).
 */
@Injectable()
export class PersonService {
  private readonly trail: AuditTrail;

  constructor(
    private readonly access: CaseAccess,
    private readonly events: EventStore,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyStore,
    @Inject(DATA_SOURCE) ds: DataSource,
  ) {
    this.trail = new AuditTrail(ds);
  }

  async person(
    actor: Actor,
    caseId: CaseId,
    only: DataCategory | undefined,
    requestId: string | null,
  ): Promise<PersonDto> {
    const found = await this.access.require(actor, caseId, 'case.read');
    const log = await this.events.readCase(caseId);
    const visible = visibleCategories(actor, found, isRecordRestricted(log));
    const wanted = only ? visible.filter((c) => c === only) : visible;
    const latest = new Map<DataCategory, Latest>();
    let erased = false;
    for (const e of log) {
      if (!isKnownEventType(e.type) || PERSONAL_DATA[e.type].length === 0) continue;
      const data = withoutHiddenCategories(e.data, wanted) as Record<string, unknown>;
      const personal = data['personal'];
      if (typeof personal !== 'object' || personal === null) continue;
      if (Object.keys(personal).length === 0) continue;
      const open = await this.keys.decryptPersonal(caseId, data, personalPaths(e.type));
      const opened = (open['personal'] ?? {}) as Record<string, unknown>;
      for (const [category, value] of Object.entries(opened)) {
        if (isErased(value)) {
          erased = true;
          continue;
        }
        if (typeof value !== 'object' || value === null) continue;
        const c = category as DataCategory;
        const entry = latest.get(c) ?? { fields: {}, updatedAt: '', version: 0 };
        for (const [field, v] of Object.entries(value)) {
          if (typeof v === 'string') entry.fields[field] = v;
        }
        entry.updatedAt = String(e.metadata['occurredAt']);
        entry.version = e.version;
        latest.set(c, entry);
      }
    }
    const categories: PersonCategoryDto[] = [];
    const revealed: DataCategory[] = [];
    for (const category of DATA_CATEGORIES) {
      const entry = latest.get(category);
      if (!entry || erased) continue;
      const folded = !only && FOLDED_CATEGORIES.includes(category);
      categories.push({
        category,
        folded,
        ...(!folded && { fields: entry.fields }),
        updatedAt: entry.updatedAt,
        version: entry.version,
      });
      if (!folded) revealed.push(category);
    }
    // One entry per category revealed, so that the trail answers "who saw her health data".
    for (const category of revealed) {
      await this.trail.append({
        actorId: actor.userId,
        actorRole: actor.role,
        organisationId: actor.organisationId,
        action: 'case.person.reveal',
        caseId,
        categories: [category],
        purpose: 'case-management',
        outcome: 'allowed',
        requestId,
      });
    }
    return {
      caseId,
      version: log[log.length - 1]?.version ?? 0,
      erased,
      categories,
    };
  }
}

function isKnownEventType(type: string): type is CaseEventType {
  return Object.prototype.hasOwnProperty.call(PERSONAL_DATA, type);
}
