import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem: what went wrong, in words a caseworker's client can show. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The DOMAIN.md rule id when a rule refused the command (R1…R23, P1…P8). */
  rule?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemBody) {
    super(problem, problem.status);
  }
}

const TYPE_BASE = 'https://ariadne.invalid/problems/';

export function problem(
  status: HttpStatus,
  slug: string,
  title: string,
  extra: Omit<Partial<ProblemBody>, 'type' | 'title' | 'status'> = {},
): ProblemException {
  return new ProblemException({ type: TYPE_BASE + slug, title, status, ...extra });
}
