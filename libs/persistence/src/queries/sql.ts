import type { DataSource } from 'typeorm';

/** Whose cases a read may cover: one organisation, or every organisation of one country. */
export type ReadScope =
  | { readonly organisationId: string; readonly country?: undefined }
  | { readonly country: string; readonly organisationId?: undefined };

/**
 * Positional parameters for hand-written SQL: `p.add(value)` returns `$n`. Values only ever go
 * in as parameters; identifiers come from fixed maps in the query classes, never from input.
 */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A copy to extend for one statement, leaving this one as it is. */
  clone(): Params {
    const copy = new Params();
    copy.values.push(...this.values);
    return copy;
  }
}

/** The condition that keeps a query on `alias`'s case_summaries rows inside the scope. */
export function scopeCondition(scope: ReadScope, p: Params, alias = 'c'): string {
  if (scope.organisationId !== undefined)
    return `${alias}.organisation_id = ${p.add(scope.organisationId)}`;
  // A country's cases are those of its organisations (the organisation decides the country).
  return `${alias}.organisation_id IN (SELECT o.id FROM organisations o WHERE o.country = ${p.add(scope.country)})`;
}

/** A keyset position: the sort key as PostgreSQL printed it (full precision) and the case id. */
export interface KeysetPosition {
  readonly key: string;
  readonly caseId: string;
}

/** One page of a keyset-paginated list. */
export interface Page<T> {
  readonly items: readonly T[];
  /**
   * Matching rows in all pages: counted for the first page only (a later page is given the first
   * page's total, which its cursor carries), so that following a list does not recount it.
   */
  readonly total: number;
  /** Where the next page starts; undefined on the last page. */
  readonly next?: KeysetPosition;
}

/**
 * One keyset page of `case_summaries c` rows: ordered by `sortKey` then case id, starting after
 * `page.after`, one row more than the limit read to know whether another page follows.
 */
export async function keysetCasePage<T extends { readonly caseId: string }>(
  ds: DataSource,
  columns: string,
  where: readonly string[],
  p: Params,
  sortKey: string,
  page: { readonly limit: number; readonly after?: KeysetPosition },
  /**
   * A country scope: `where` then holds no scope condition; the page is merged from each
   * organisation's own first rows (one index range per organisation, at most limit + 1 rows
   * each), instead of reading and sorting all the country's matching rows.
   */
  perOrganisationOfCountry?: string,
): Promise<{ readonly items: T[]; readonly next?: KeysetPosition }> {
  const conditions = [...where];
  if (page.after) {
    conditions.push(
      `(${sortKey}, c.case_id) > (${p.add(page.after.key)}::timestamptz, ${p.add(page.after.caseId)}::uuid)`,
    );
  }
  const limit = p.add(page.limit + 1);
  const rows: Array<T & { _key: string }> =
    perOrganisationOfCountry === undefined
      ? await ds.query(
          `SELECT ${columns}, ${sortKey}::text AS "_key"
             FROM case_summaries c
            WHERE ${conditions.join(' AND ')}
            ORDER BY ${sortKey} ASC, c.case_id ASC
            LIMIT ${limit}`,
          p.values,
        )
      : await ds.query(
          `SELECT x.* FROM organisations o
             CROSS JOIN LATERAL (
               SELECT ${columns}, ${sortKey}::text AS "_key", ${sortKey} AS "_sort"
                 FROM case_summaries c
                WHERE ${['c.organisation_id = o.id', ...conditions].join(' AND ')}
                ORDER BY ${sortKey} ASC, c.case_id ASC
                LIMIT ${limit}) x
            WHERE o.country = ${p.add(perOrganisationOfCountry)}
            ORDER BY x."_sort" ASC, x."caseId" ASC
            LIMIT ${limit}`,
          p.values,
        );
  const more = rows.length > page.limit;
  const kept = more ? rows.slice(0, page.limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(
      ({ _key: _, _sort: __, ...c }: T & { _key: string; _sort?: unknown }) => c as unknown as T,
    ),
    next: more && last ? { key: last._key, caseId: last.caseId } : undefined,
  };
}
