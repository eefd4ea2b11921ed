import fc from 'fast-check';
import { type CountCell, suppressSmallCells } from './suppression';

type Dim = 'country' | 'phase';
const cell = (country: string, phase: string, count: number): CountCell<Dim> => ({
  dims: { country, phase },
  count,
});
const oneDim = (counts: Record<string, number>): CountCell<'phase'>[] =>
  Object.entries(counts).map(([phase, count]) => ({ dims: { phase }, count }));
const shown = (r: ReturnType<typeof suppressSmallCells>): Array<number | null> =>
  r.cells.map((c) => c.count);

describe('suppressSmallCells (P8)', () => {
  it('suppresses every cell of 1 to threshold − 1, shows zeros and cells from the threshold on', () => {
    const r = suppressSmallCells(oneDim({ a: 0, b: 1, c: 4, d: 5, e: 9 }), ['phase'], 5);
    expect(r.withheld).toBe(false);
    expect(r.cells).toEqual([
      { dims: { phase: 'a' }, count: 0, suppressed: false },
      { dims: { phase: 'b' }, count: null, suppressed: true },
      { dims: { phase: 'c' }, count: null, suppressed: true },
      { dims: { phase: 'd' }, count: 5, suppressed: false },
      { dims: { phase: 'e' }, count: 9, suppressed: false },
    ]);
  });

  it('with a single suppressed cell in a line, also suppresses the next smallest cell', () => {
    // 3 could be worked back from the total (3 + 7 + 6 + 20); hiding 6 as well prevents it.
    const r = suppressSmallCells(oneDim({ a: 3, b: 7, c: 6, d: 20 }), ['phase'], 5);
    expect(shown(r)).toEqual([null, 7, null, 20]);
  });

  it('keeps suppressing until the hidden cells of a line add up to the threshold', () => {
    // 1 and 2 hidden would still tell that together they are 3: hide 8 as well.
    const r = suppressSmallCells(oneDim({ a: 1, b: 2, c: 8, d: 9 }), ['phase'], 5);
    expect(shown(r)).toEqual([null, null, null, 9]);
  });

  it('leaves a line alone when its only cell is small (its total is suppressed as well)', () => {
    const r = suppressSmallCells(oneDim({ a: 2 }), ['phase'], 5);
    expect(r).toEqual({
      withheld: false,
      cells: [{ dims: { phase: 'a' }, count: null, suppressed: true }],
    });
  });

  it('protects rows and columns of a two-dimensional table', () => {
    const table = [
      cell('SE', 'intake', 2),
      cell('SE', 'reflection', 12),
      cell('SE', 'return', 30),
      cell('NO', 'intake', 9),
      cell('NO', 'reflection', 15),
      cell('NO', 'return', 8),
    ];
    const r = suppressSmallCells(table, ['country', 'phase'], 5);
    expect(r.withheld).toBe(false);
    // Row SE: 2 with 12 (its smallest neighbour); columns intake and reflection: 9 and 15 below
    // them; row NO then holds two hidden cells already.
    expect(shown(r)).toEqual([null, null, 30, null, null, 8]);
    expectEveryLineProtected(table, ['country', 'phase'], r, 5);
  });

  it('passes over a cell that would stand alone in its other line when there is a choice', () => {
    const table = [
      cell('SE', 'intake', 3),
      cell('SE', 'pathway', 6), // the smallest neighbour, but alone in column pathway
      cell('SE', 'reflection', 7),
      cell('NO', 'intake', 10),
      cell('NO', 'reflection', 11),
    ];
    const r = suppressSmallCells(table, ['country', 'phase'], 5);
    expect(r.withheld).toBe(false);
    // Hiding SE/pathway would be undone by the pathway total; SE/reflection is hidden instead.
    expect(shown(r)).toEqual([null, 6, null, null, null]);
    expectEveryLineProtected(table, ['country', 'phase'], r, 5);
  });

  it('withholds a table that no pattern of suppressed cells can protect', () => {
    // SE/intake = 3 is hidden with SE/reflection; column reflection then needs NO/reflection,
    // but NO has nothing else, so its row total (20) would give it away, and with it the rest.
    const table = [
      cell('SE', 'intake', 3),
      cell('SE', 'reflection', 10),
      cell('NO', 'reflection', 20),
    ];
    expect(suppressSmallCells(table, ['country', 'phase'], 5)).toEqual({
      cells: [],
      withheld: true,
    });
  });

  it('suppresses nothing when nothing is small, and a small grand total with no dimensions', () => {
    expect(shown(suppressSmallCells(oneDim({ a: 5, b: 50 }), ['phase'], 5))).toEqual([5, 50]);
    expect(suppressSmallCells([{ dims: {}, count: 4 }], [], 5).cells).toEqual([
      { dims: {}, count: null, suppressed: true },
    ]);
    expect(suppressSmallCells([{ dims: {}, count: 0 }], [], 5).cells[0]!.count).toBe(0);
  });

  it('follows the threshold it is given', () => {
    expect(shown(suppressSmallCells(oneDim({ a: 9, b: 10, c: 30 }), ['phase'], 10))).toEqual([
      null,
      null,
      30,
    ]);
    expect(() => suppressSmallCells([], ['phase'], 1)).toThrow(RangeError);
  });

  it('property: no small cell shows, shown counts are exact, every line is protected', () => {
    const dims = ['country', 'phase', 'status'] as const;
    type D = (typeof dims)[number];
    const tableArb = fc
      .uniqueArray(
        fc.record({
          country: fc.constantFrom('SE', 'NO', 'DK'),
          phase: fc.constantFrom('intake', 'reflection', 'pathway', 'return'),
          status: fc.constantFrom('open', 'closed'),
          count: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 60 })),
        }),
        { selector: (r) => `${r.country}/${r.phase}/${r.status}`, maxLength: 24 },
      )
      .map((rows) => rows.map(({ count, ...d }): CountCell<D> => ({ dims: d, count })));
    fc.assert(
      fc.property(
        tableArb,
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 3, max: 8 }),
        (table, k, threshold) => {
          const used = dims.slice(0, k);
          const projected = project(table, used);
          const r = suppressSmallCells(projected, used, threshold);
          if (r.withheld) return;
          expect(r.cells).toHaveLength(projected.length);
          r.cells.forEach((c, i) => {
            const n = projected[i]!.count;
            if (n >= 1 && n < threshold) expect(c).toMatchObject({ count: null, suppressed: true });
            if (!c.suppressed) expect(c.count).toBe(n);
          });
          expectEveryLineProtected(projected, used, r, threshold);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: deterministic', () => {
    const table = [cell('SE', 'intake', 2), cell('SE', 'return', 6), cell('SE', 'pathway', 6)];
    const a = suppressSmallCells(table, ['country', 'phase'], 5);
    const b = suppressSmallCells(table, ['country', 'phase'], 5);
    expect(a).toEqual(b);
    expect(shown(a)).toEqual([null, null, 6]);
  });
});

/** Merges the rows of a table to the given dimensions, as a GROUP BY over fewer columns would. */
function project<D extends string>(table: CountCell<D>[], dims: readonly D[]): CountCell<D>[] {
  const merged = new Map<string, CountCell<D>>();
  for (const c of table) {
    const d = Object.fromEntries(dims.map((k) => [k, c.dims[k]])) as Partial<Record<D, string>>;
    const key = JSON.stringify(d);
    merged.set(key, { dims: d, count: (merged.get(key)?.count ?? 0) + c.count });
  }
  return [...merged.values()];
}

/**
 * The published table's lines: each has no suppressed cell, or at least two adding up to the
 * threshold where the line has enough cells, or one that is the line's only cell and is small.
 */
function expectEveryLineProtected<D extends string>(
  table: readonly CountCell<D>[],
  dims: readonly D[],
  r: ReturnType<typeof suppressSmallCells<D>>,
  threshold: number,
): void {
  const varyingDims = dims.filter(
    (d) => new Set(table.filter((c) => c.count > 0).map((c) => c.dims[d])).size > 1,
  );
  for (const varying of varyingDims) {
    const lines = new Map<string, number[]>();
    table.forEach((c, i) => {
      const key = JSON.stringify(varyingDims.filter((d) => d !== varying).map((d) => c.dims[d]));
      lines.set(key, [...(lines.get(key) ?? []), i]);
    });
    for (const members of lines.values()) {
      const hidden = members.filter((i) => r.cells[i]!.suppressed);
      if (hidden.length === 0) continue;
      if (hidden.length === 1) {
        expect(members).toEqual(hidden);
        expect(table[hidden[0]!]!.count).toBeLessThan(threshold);
        continue;
      }
      const visibleLeft = members.some((i) => !r.cells[i]!.suppressed && table[i]!.count > 0);
      const hiddenSum = hidden.reduce((s, i) => s + table[i]!.count, 0);
      if (visibleLeft) expect(hiddenSum).toBeGreaterThanOrEqual(threshold);
    }
  }
}
