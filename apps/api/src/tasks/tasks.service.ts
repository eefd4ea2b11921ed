import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Actor, type CaseEvent, deadlines, evolveAll, initialState } from '@ariadne/domain';
import { CaseListQueries, DATA_SOURCE, EventStore } from '@ariadne/persistence';
import { caseListScope } from '../access';
import type { RefusedFactTaskDto, TaskDto, TasksDto, TasksQueryDto } from './tasks.dto';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "My tasks" (R19, R20): every obligation not yet met, of every open case the caller may act on,
 * that is overdue or due within the window. The read model says which cases can have one (their
 * earliest unmet obligation falls in the window); each of those is judged by the domain itself,
 * from its event log (no personal data is read: evolve never looks at it).
 */
@Injectable()
export class TasksService {
  private readonly queries: CaseListQueries;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly events: EventStore,
  ) {
    this.queries = new CaseListQueries(ds);
  }

  async tasks(actor: Actor, q: TasksQueryDto, now = new Date()): Promise<TasksDto> {
    const scope = caseListScope(actor);
    if (!scope) throw new Error('A task list without a scope');
    const until = new Date(now.getTime() + q.withinDays * DAY_MS);
    const cases = await this.queries.taskCandidates(scope, until, q.limit);
    const at = now.toISOString();
    const all: TaskDto[] = [];
    for (const c of cases) {
      const log = await this.events.readCase(c.caseId);
      const state = evolveAll(
        initialState(),
        log.map((e) => ({ type: e.type, data: e.data }) as CaseEvent),
      );
      for (const d of deadlines(state, at)) {
        if (d.status === 'met' || new Date(d.dueAt) >= until) continue;
        all.push({
          caseId: c.caseId,
          reference: c.reference,
          phase: c.phase,
          deadline: d.deadline,
          kind: d.kind,
          rule: d.rule,
          dueAt: d.dueAt,
          status: d.status,
          ...(d.reminderAt && { reminderAt: d.reminderAt }),
          ...(d.escalateAt && { escalateAt: d.escalateAt }),
        });
      }
    }
    // When the candidate cases were cut at the limit, a case left out may hold a task due
    // after the last candidate's earliest one: answer only up to there, and say so.
    const lastCandidate = cases.length === q.limit ? cases[cases.length - 1] : undefined;
    const bound = lastCandidate ? lastCandidate.earliestDueAt.getTime() : Infinity;
    const sorted = all
      .filter((t) => new Date(t.dueAt).getTime() <= bound)
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.caseId.localeCompare(b.caseId));
    const items = sorted.slice(0, q.limit);
    return {
      asOf: at,
      until: until.toISOString(),
      items,
      refusedFacts: await this.refusedFacts(scope, q.limit),
      truncated: lastCandidate !== undefined || sorted.length > items.length,
    };
  }

  /**
   * R30: the partner facts refused on the caller's open cases and not resolved since, from the
   * event log (ids, kinds and rule ids only). A refusal is resolved by a later RefusedFactResolved
   * with its fact id.
   */
  private async refusedFacts(
    scope: { organisationId: string; assigneeId?: string },
    limit: number,
  ): Promise<RefusedFactTaskDto[]> {
    const rows: {
      case_id: string;
      reference: string | null;
      fact_id: string;
      fact_kind: string;
      rule: string;
      refused_at: string;
    }[] = await this.ds.query(
      `SELECT e.case_id, s.reference, e.data->>'factId' AS fact_id, e.data->>'factKind' AS fact_kind,
              e.data->>'rule' AS rule, e.data->>'refusedAt' AS refused_at
         FROM case_events e
         JOIN case_summaries s ON s.case_id = e.case_id
        WHERE e.type = 'PartnerFactRefused'
          AND s.organisation_id = $1
          AND ($2::text IS NULL OR s.assignee_id = $2)
          AND NOT EXISTS (
            SELECT 1 FROM case_events r
             WHERE r.case_id = e.case_id AND r.type = 'RefusedFactResolved'
               AND r.data->>'factId' = e.data->>'factId')
        ORDER BY e.position
        LIMIT $3`,
      [scope.organisationId, scope.assigneeId ?? null, limit],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      reference: r.reference,
      factId: r.fact_id,
      factKind: r.fact_kind,
      rule: r.rule,
      refusedAt: r.refused_at,
    }));
  }
}
