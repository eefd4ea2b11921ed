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
  /** Matching rows in all pages. */
  readonly total: number;
  /** Where the next page starts; undefined on the last page. */
  readonly next?: KeysetPosition;
}
