import { caseRange } from './rebuild';

/** The parallel folders' ranges of case ids (ADR 0016): together the whole uuid space, once. */
describe('caseRange', () => {
  it.each([1, 2, 3, 4])(
    'cuts the uuid space into %i adjacent ranges from the first to the last id',
    (n) => {
      const ranges = Array.from({ length: n }, (_, i) => caseRange(i, n));
      expect(ranges[0]?.from).toBe('00000000-0000-0000-0000-000000000000');
      expect(ranges[n - 1]?.to).toBeUndefined();
      for (let i = 1; i < n; i += 1) {
        expect(ranges[i]?.from).toBe(ranges[i - 1]?.to);
        // uuids compare as their hex text: each range starts after the one before it
        expect((ranges[i]?.from ?? '') > (ranges[i - 1]?.from ?? '')).toBe(true);
      }
    },
  );

  it('puts every case in exactly one range', () => {
    const ids = [
      '00000000-0000-0000-0000-000000000000',
      '7fffffff-ffff-ffff-ffff-ffffffffffff',
      '80000000-0000-0000-0000-000000000000',
      'aaaaaaaa-0000-4000-8000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ];
    for (const n of [2, 3]) {
      const ranges = Array.from({ length: n }, (_, i) => caseRange(i, n));
      for (const id of ids) {
        const holding = ranges.filter((r) => id >= r.from && (r.to === undefined || id < r.to));
        expect(holding).toHaveLength(1);
      }
    }
    expect(caseRange(1, 2).from).toBe('80000000-0000-0000-0000-000000000000');
  });
});
