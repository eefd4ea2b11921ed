import { ProblemException } from '../common/problem';
import { decodeCaseListCursor, encodeCaseListCursor } from './case-list.cursor';

describe('case list cursor', () => {
  const caseId = '5f0c2a4e-9b1d-4c3e-8f7a-1b2c3d4e5f60';

  it('round-trips a due date and a case with no deadline (infinity)', () => {
    for (const key of ['2026-11-29 14:00:00.123456+00', 'infinity']) {
      expect(decodeCaseListCursor(encodeCaseListCursor({ key, caseId }))).toEqual({ key, caseId });
    }
    expect(decodeCaseListCursor(undefined)).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', 'bm90LW91cnM'],
    [
      'a board cursor',
      Buffer.from(JSON.stringify({ l: 'stalled', k: 'infinity', c: caseId })).toString('base64url'),
    ],
    [
      'an injected key',
      Buffer.from(JSON.stringify({ l: 'cases', k: "now()'", c: caseId })).toString('base64url'),
    ],
    [
      'a day that does not exist',
      Buffer.from(JSON.stringify({ l: 'cases', k: '2026-02-30 10:00:00+00', c: caseId })).toString(
        'base64url',
      ),
    ],
    [
      'an hour that does not exist',
      Buffer.from(JSON.stringify({ l: 'cases', k: '2026-02-03 24:00:00+00', c: caseId })).toString(
        'base64url',
      ),
    ],
    [
      'a bad case id',
      Buffer.from(JSON.stringify({ l: 'cases', k: 'infinity', c: 'x' })).toString('base64url'),
    ],
  ])('refuses %s with 400 naming cursor', (_, cursor) => {
    expect.assertions(2);
    try {
      decodeCaseListCursor(cursor);
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemException);
      expect((e as ProblemException).problem.errors?.[0]?.field).toBe('cursor');
    }
  });
});
