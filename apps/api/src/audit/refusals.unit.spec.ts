import { HttpStatus, NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import { problem } from '../common/problem';
import { caseIdOf, reasonOf, routePattern } from './refusals';

const req = (over: Partial<Request>) => over as Request;

describe('refusal details', () => {
  it('records the route pattern, never the path with its values', () => {
    expect(routePattern(req({ method: 'GET', route: { path: '/api/v1/cases/:caseId' } }))).toBe(
      'GET /api/v1/cases/:caseId',
    );
    expect(routePattern(req({ method: 'GET', url: '/api/v1/cases?name=Anna' }))).toBeNull();
    expect(
      routePattern(req({ method: 'GET', route: { path: '/x?name=Anna Svensson' } })),
    ).toBeNull();
  });

  it('gives the problem type as the reason, and nothing for other errors', () => {
    expect(reasonOf(problem(HttpStatus.NOT_FOUND, 'case-not-found', 'No such case'))).toBe(
      'case-not-found',
    );
    expect(reasonOf(new NotFoundException('Anna Svensson'))).toBeNull();
    expect(reasonOf(new Error('x'))).toBeNull();
  });

  it('takes the case id of the route only when it is a uuid', () => {
    const id = '0b7c1c38-6a43-4b8e-9d0e-4f8f4f1c2a11';
    expect(caseIdOf(req({ params: { caseId: id } }))).toBe(id);
    expect(caseIdOf(req({ params: { caseId: 'Anna' } }))).toBeNull();
  });
});
