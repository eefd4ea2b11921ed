import { addDuration, isAtOrAfter, later, midpoint, subtractDuration } from '../policy/duration';
import type { CaseState, OpenCaseState } from './state';
import type { DeadlineKey, DeadlineKind } from './types';

/** R19: one obligation with its due date, and where R20 stands for it. */
export interface Deadline {
  readonly deadline: DeadlineKey;
  readonly kind: DeadlineKind;
  /** The rule the obligation comes from. */
  readonly rule: string;
  /** When the obligation arose. */
  readonly from: string;
  readonly dueAt: string;
  readonly status: 'pending' | 'met' | 'overdue';
  readonly metAt?: string;
  /** R20: when the assignee is reminded; absent when the window leaves no room for it. */
  readonly reminderAt?: string;
  /** R20: when the supervisors are told; absent for the reflection end, which the timer closes. */
  readonly escalateAt?: string;
  readonly remindedAt?: string;
  readonly escalatedAt?: string;
}

interface Obligation {
  readonly deadline: DeadlineKey;
  readonly kind: DeadlineKind;
  readonly rule: string;
  readonly from: string;
  readonly dueAt: string;
  readonly metAt?: string;
  readonly reminderBefore: string;
  readonly escalates: boolean;
}

function earliest(...times: Array<string | undefined>): string | undefined {
  const defined = times.filter((t): t is string => t !== undefined);
  return defined.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}

/** The obligations of an open case, from its country policy. None once closed. */
function obligations(s: OpenCaseState): Obligation[] {
  const p = s.policy;
  const remind = p.reminderBefore;
  if (s.departure) {
    // R17: after her return only the follow-up schedule remains.
    const departedAt = s.departure.departedAt;
    return p.followUpsAfterReturn.map((after, i) => ({
      deadline: `follow-up-${i + 1}`,
      kind: 'follow-up',
      rule: 'R17',
      from: departedAt,
      dueAt: addDuration(departedAt, after),
      metAt: s.followUps[i]?.recordedAt,
      reminderBefore: remind,
      escalates: true,
    }));
  }
  // Issue 10: from her referral when the opening was dated back to it.
  const referred = s.referredAt ?? s.openedAt;
  const fromOpening = (
    deadline: Exclude<DeadlineKey, `follow-up-${number}` | `consent-expiry-${number}`>,
    rule: string,
    due: string,
    metAt: string | undefined,
  ): Obligation => ({
    deadline,
    kind: deadline,
    rule,
    from: referred,
    dueAt: addDuration(referred, due),
    metAt,
    reminderBefore: remind,
    escalates: true,
  });
  const firstHealthRequest = s.services.find((x) => x.kind === 'health-care')?.requestedAt;
  const list: Obligation[] = [
    fromOpening(
      'identification-decision',
      'R1',
      p.deadlines.identificationDecision,
      s.identification?.firstDecidedAt,
    ),
    fromOpening('rights-information', 'R10', p.deadlines.rightsInformation, s.rightsInformedAt),
    fromOpening(
      'health-check-offered',
      'R4',
      p.deadlines.healthCheckOffered,
      earliest(s.healthCheckOfferedAt, firstHealthRequest),
    ),
    fromOpening(
      'risk-assessment',
      'R9',
      p.deadlines.riskAssessment,
      s.riskAssessments[0]?.assessedAt,
    ),
  ];
  const r = s.reflection;
  const conclusiveWithin = p.deadlines.conclusiveIdentification;
  if (r && conclusiveWithin !== undefined) {
    // R28: the conclusive decision, from the positive reasonable-grounds decision (when it was
    // taken: reflection starts then). Absent from policies captured before it existed.
    list.push({
      deadline: 'conclusive-identification',
      kind: 'conclusive-identification',
      rule: 'R28',
      from: r.startedAt,
      dueAt: addDuration(r.startedAt, conclusiveWithin),
      metAt: s.conclusiveIdentification?.firstDecidedAt,
      reminderBefore: remind,
      escalates: true,
    });
  }
  if (r) {
    list.push(
      {
        deadline: 'needs-assessment',
        kind: 'needs-assessment',
        rule: 'R6',
        from: r.startedAt,
        dueAt: addDuration(r.startedAt, p.deadlines.needsAssessment),
        metAt: s.needsAssessment?.firstAssessedAt,
        reminderBefore: remind,
        escalates: true,
      },
      {
        // R7: a reminder when it is ending; the timer itself ends it, so nothing to escalate.
        deadline: 'reflection-end',
        kind: 'reflection-end',
        rule: 'R7',
        from: r.startedAt,
        dueAt: r.endsAt,
        metAt: r.endedAt,
        reminderBefore: remind,
        escalates: false,
      },
    );
  }
  const permit = s.permit;
  if (permit?.status === 'granted' && permit.expiresAt) {
    list.push({
      deadline: 'permit-expiry',
      kind: 'permit-expiry',
      rule: 'R11',
      from: permit.decidedAt ?? permit.appliedAt,
      dueAt: permit.expiresAt,
      metAt: permit.renewalAppliedAt,
      reminderBefore: p.permitExpiryReminderBefore,
      escalates: true,
    });
  }
  // P4: remind the assignee before a current consent with an expiry runs out; nothing escalates.
  for (const c of s.consents) {
    if (!c.expiresAt || c.withdrawnAt) continue;
    list.push({
      deadline: `consent-expiry-${Number(c.consentId.replace(/^consent-/, ''))}`,
      kind: 'consent-expiry',
      rule: 'P4',
      from: c.givenAt,
      dueAt: c.expiresAt,
      reminderBefore: remind,
      escalates: false,
    });
  }
  return list;
}

/**
 * R20: the reminder comes `reminderBefore` ahead of the due date, but never in the first half of
 * the obligation's own window — a 2-day deadline with a 3-day lead is reminded after one day,
 * not the moment it arises. No reminder when that leaves no time before the due date.
 */
export function reminderTime(
  from: string,
  dueAt: string,
  reminderBefore: string,
): string | undefined {
  const at = later(subtractDuration(dueAt, reminderBefore), midpoint(from, dueAt));
  return Date.parse(at) < Date.parse(dueAt) ? at : undefined;
}

/**
 * R19: every obligation of the case with its due date and status, earliest first. Status is
 * judged at `now` (default: the time of the case's latest event); a deadline met late is met.
 */
export function deadlines(state: CaseState, now?: string): Deadline[] {
  if (state.status !== 'open') return [];
  const at = now ?? state.updatedAt;
  const notice = (o: Obligation, kind: 'reminder' | 'escalation'): string | undefined =>
    state.notices.find((n) => n.deadline === o.deadline && n.dueAt === o.dueAt && n.notice === kind)
      ?.at;
  return obligations(state)
    .map((o): Deadline => {
      const reminderAt = reminderTime(o.from, o.dueAt, o.reminderBefore);
      const escalateAt = o.escalates ? addDuration(o.dueAt, state.policy.escalateAfter) : undefined;
      const status = o.metAt ? 'met' : isAtOrAfter(o.dueAt, at) ? 'pending' : 'overdue';
      const remindedAt = notice(o, 'reminder');
      const escalatedAt = notice(o, 'escalation');
      return {
        deadline: o.deadline,
        kind: o.kind,
        rule: o.rule,
        from: o.from,
        dueAt: o.dueAt,
        status,
        ...(o.metAt && { metAt: o.metAt }),
        ...(reminderAt && { reminderAt }),
        ...(escalateAt && { escalateAt }),
        ...(remindedAt && { remindedAt }),
        ...(escalatedAt && { escalatedAt }),
      };
    })
    .sort(
      (a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || compareText(a.deadline, b.deadline),
    );
}

/** Plain code-unit order: locale-free, so the same everywhere (the workflow sandbox included). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
