import type { DataSource } from 'typeorm';
import { Params, type ReadScope, scopeCondition } from './sql';

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** One cross-border referral as the coordinator's board shows it: no personal data. */
export interface ReferralRow {
  /** Global position of the CrossBorderReferralSent event: the keyset of the list. */
  readonly position: string;
  readonly caseId: string;
  readonly reference: string | null;
  readonly organisationId: string;
  readonly referralId: string;
  readonly purpose: string;
  readonly recipientCountry: string;
  /** As the caseworker recorded it; may be an organisation of another country. */
  readonly recipientOrganisationId: string;
  /** The data categories her consent allowed to travel (R18, P4). */
  readonly categories: readonly string[];
  readonly status: ReferralStatus;
  readonly sentAt: string;
  readonly respondedAt: string | null;
}

export interface ReferralPage {
  readonly items: readonly ReferralRow[];
  /** The position to continue after; undefined on the last page. */
  readonly nextAfter?: string;
}

/** What ends a referral's wait: the receiver's answer, or her consent withdrawn before it (R18). */
const ANSWERS = `('CrossBorderReferralAccepted', 'CrossBorderReferralDeclined', 'CrossBorderReferralWithdrawn')`;

/**
 * Cross-border referrals, read straight from the event log (the log is the record; no read model
 * to keep in step): each CrossBorderReferralSent with its answer, if any. Only fields the events
 * hold in clear are read; `personal` (the consented data, encrypted) never is.
 */
export class CrossBorderReferralQueries {
  constructor(private readonly ds: DataSource) {}

  /** The referrals of cases in scope, the most recently sent first, a page at a time. */
  async list(
    scope: ReadScope,
    filters: { readonly status?: ReferralStatus },
    page: { readonly limit: number; readonly after?: string },
  ): Promise<ReferralPage> {
    const p = new Params();
    const where = [`e.type = 'CrossBorderReferralSent'`, scopeCondition(scope, p)];
    if (page.after !== undefined) where.push(`e.position < ${p.add(page.after)}::bigint`);
    if (filters.status === 'sent') where.push(`a.type IS NULL`);
    if (filters.status === 'accepted') where.push(`a.type = 'CrossBorderReferralAccepted'`);
    if (filters.status === 'declined') where.push(`a.type = 'CrossBorderReferralDeclined'`);
    if (filters.status === 'withdrawn') where.push(`a.type = 'CrossBorderReferralWithdrawn'`);
    const rows: Array<Omit<ReferralRow, 'status'> & { answer: string | null }> =
      await this.ds.query(
        `SELECT e.position::text AS position, e.case_id AS "caseId", c.reference,
                c.organisation_id AS "organisationId",
                e.data->>'referralId' AS "referralId", e.data->>'purpose' AS purpose,
                e.data->>'recipientCountry' AS "recipientCountry",
                e.data->>'recipientOrganisationId' AS "recipientOrganisationId",
                COALESCE(e.data->'categories', '[]'::jsonb) AS categories,
                e.data->>'sentAt' AS "sentAt",
                a.type AS answer, a.data->>'respondedAt' AS "respondedAt"
           FROM case_events e
           JOIN case_summaries c ON c.case_id = e.case_id
           LEFT JOIN LATERAL (
             SELECT x.type, x.data FROM case_events x
              WHERE x.case_id = e.case_id AND x.type IN ${ANSWERS}
                AND x.data->>'referralId' = e.data->>'referralId'
              ORDER BY x.version LIMIT 1) a ON true
          WHERE ${where.join(' AND ')}
          ORDER BY e.position DESC
          LIMIT ${p.add(page.limit + 1)}`,
        p.values,
      );
    const more = rows.length > page.limit;
    const items = (more ? rows.slice(0, page.limit) : rows).map(
      ({ answer, ...r }): ReferralRow => ({ ...r, status: statusOf(answer) }),
    );
    return { items, nextAfter: more ? items[items.length - 1]?.position : undefined };
  }
}

function statusOf(answer: string | null): ReferralStatus {
  if (answer === 'CrossBorderReferralAccepted') return 'accepted';
  if (answer === 'CrossBorderReferralDeclined') return 'declined';
  if (answer === 'CrossBorderReferralWithdrawn') return 'withdrawn';
  return 'sent';
}
