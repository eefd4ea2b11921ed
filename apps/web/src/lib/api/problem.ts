/** One field the API refused (problem+json `errors`). */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * An RFC 9457 problem answered by the API, thrown by `unwrap`. `rule` is the DOMAIN.md rule id
 * (R1…R23, P1…P8) when a rule refused the command: show its explanation (`rule.<id>` in the
 * catalogues) through <ProblemAlert>, never the English `title`/`detail` of the server.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly rule: string | undefined,
    readonly errors: readonly FieldProblem[],
  ) {
    super(`${status} ${title}`);
    this.name = 'ApiProblem';
  }

  /** The problem for one field, e.g. to show next to its input. */
  forField(field: string): FieldProblem | undefined {
    return this.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Any error body (problem+json or not, or none) as an ApiProblem. */
export function toProblem(status: number, body: unknown): ApiProblem {
  if (!isRecord(body)) return new ApiProblem(status, 'about:blank', '', undefined, []);
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(isRecord).map((e) => ({
        field: typeof e.field === 'string' ? e.field : '',
        message: typeof e.message === 'string' ? e.message : '',
      }))
    : [];
  return new ApiProblem(
    status,
    typeof body.type === 'string' ? body.type : 'about:blank',
    typeof body.title === 'string' ? body.title : '',
    typeof body.rule === 'string' ? body.rule : undefined,
    errors,
  );
}
