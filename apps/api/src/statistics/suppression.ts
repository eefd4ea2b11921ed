/**
 * P8: small-cell suppression of a table of case counts, so that no published figure, nor any
 * combination of published figures with the totals a caller can ask for separately, tells how
 * many cases fall into a cell of fewer than `threshold` (docs/boards.md, "Suppression").
 *
 * Pure: the same table and threshold always give the same answer.
 */

/** One cell of a table: its value on every grouped dimension, and its exact count. */
export interface CountCell<D extends string = string> {
  readonly dims: Readonly<Partial<Record<D, string>>>;
  readonly count: number;
}

/** A cell as it may be published: the count, or null when suppressed. */
export interface PublishedCell<D extends string = string> {
  readonly dims: Readonly<Partial<Record<D, string>>>;
  readonly count: number | null;
  readonly suppressed: boolean;
}

export interface SuppressionResult<D extends string = string> {
  /** In the input's order; empty when the table is withheld. */
  readonly cells: readonly PublishedCell<D>[];
  /** True when no suppression pattern protects the table: nothing of it is published. */
  readonly withheld: boolean;
}

/**
 * A line of the table: the cells that agree on every dimension but one. Its total is what the
 * same request without that dimension answers, so it counts as published.
 */
interface Line {
  readonly members: number[];
}

/**
 * 1. Primary suppression: every cell with 1 ≤ count < threshold.
 * 2. Complementary suppression, repeated until nothing changes: in each line that holds a
 *    suppressed cell, while it holds exactly one, or its suppressed cells add up to less than
 *    the threshold, the smallest visible cell of the line is suppressed too. Cells that would
 *    then stand alone in another of their lines are passed over while there is another choice;
 *    among the rest, a cell that also completes another line waiting for a complement is taken
 *    before the smallest.
 * 3. Audit: a line may keep a single suppressed cell only when that cell is the line's only
 *    cell and small itself (its total then is small too, and suppressed where it is asked for).
 *    If any other line is left with a single suppressed cell, the table is withheld whole:
 *    showing even which cells exist would let the hidden ones be worked out.
 *
 * Lines run along the dimensions that take more than one value in the table. Cells that are
 * absent (count 0) are known to be zero; zeros are never suppressed.
 */
export function suppressSmallCells<D extends string>(
  table: readonly CountCell<D>[],
  dimensions: readonly D[],
  threshold: number,
): SuppressionResult<D> {
  if (!Number.isInteger(threshold) || threshold < 2) {
    throw new RangeError('threshold must be an integer of at least 2');
  }
  const counts = table.map((c) => c.count);
  const present = (i: number): boolean => counts[i]! > 0;
  const primary = counts.map((n) => n >= 1 && n < threshold);
  const suppressed = [...primary];
  // A dimension with one value in the whole table (the country, for one organisation) adds no
  // line worth the name: the same request without it is this very table, suppressed alike.
  const varying = dimensions.filter(
    (d) => new Set(table.filter((c) => c.count > 0).map((c) => c.dims[d])).size > 1,
  );
  const { lines, linesOf } = linesOfTable(table, varying);

  const suppressedIn = (line: Line): number[] => line.members.filter((i) => suppressed[i]);
  const sum = (cells: number[]): number => cells.reduce((s, i) => s + counts[i]!, 0);
  const needsMore = (line: Line): boolean => {
    const hidden = suppressedIn(line);
    return hidden.length > 0 && (hidden.length === 1 || sum(hidden) < threshold);
  };
  /** A cell that has company in each of its other lines can itself be protected there. */
  const hasCompanyElsewhere = (cell: number, line: Line): boolean =>
    linesOf[cell]!.every(
      (other) => other === line || other.members.some((m) => m !== cell && present(m)),
    );

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      while (needsMore(line)) {
        const candidates = line.members.filter((i) => !suppressed[i] && present(i));
        if (candidates.length === 0) break;
        // Best: a cell with company in its other lines (else hiding it there gives it away),
        // then one that also completes another line waiting for a complement, then the smallest.
        const rank = (i: number): number[] => [
          hasCompanyElsewhere(i, line) ? 0 : 1,
          linesOf[i]!.some((other) => other !== line && needsMore(other)) ? 0 : 1,
          counts[i]!,
          i,
        ];
        const pick = candidates.reduce((best, i) => (before(rank(i), rank(best)) ? i : best));
        suppressed[pick] = true;
        changed = true;
      }
    }
  }

  const unsafe = lines.some((line) => {
    const hidden = suppressedIn(line);
    if (hidden.length !== 1) return false;
    const only = hidden[0]!;
    const alone = line.members.every((m) => m === only || !present(m));
    return !(alone && primary[only]);
  });
  if (unsafe) return { cells: [], withheld: true };

  return {
    cells: table.map((c, i) => ({
      dims: c.dims,
      count: suppressed[i] ? null : c.count,
      suppressed: suppressed[i]!,
    })),
    withheld: false,
  };
}

/** Lexicographic order of ranks; the cell index comes last, so the choice is deterministic. */
function before(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return false;
}

function linesOfTable<D extends string>(
  table: readonly CountCell<D>[],
  dimensions: readonly D[],
): { lines: Line[]; linesOf: Line[][] } {
  const lines: Line[] = [];
  const linesOf: Line[][] = table.map(() => []);
  dimensions.forEach((varying) => {
    const byKey = new Map<string, Line>();
    table.forEach((cell, i) => {
      const key = JSON.stringify(dimensions.filter((d) => d !== varying).map((d) => cell.dims[d]));
      let line = byKey.get(key);
      if (!line) {
        line = { members: [] };
        byKey.set(key, line);
        lines.push(line);
      }
      line.members.push(i);
      linesOf[i]!.push(line);
    });
  });
  return { lines, linesOf };
}
