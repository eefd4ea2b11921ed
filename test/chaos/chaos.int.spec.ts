/**
 * The short chaos run of CI (issue 11, "Faults"): 50 cases, each fault once (kill -9 of a
 * worker, kill -9 of an API, a fast PostgreSQL restart, a Temporal restart) on a stack of its
 * own, under a steady load of commands with Idempotency-Keys. `npm run chaos` is the long run.
 * At the end the log is broken on purpose, to show that the checks see what they look for.
 */
import { FAULT_KINDS, formatReport, type ReportRow, runChaos, SHORT } from './harness';

jest.setTimeout(300_000);

describe('chaos: nothing acknowledged is lost', () => {
  it('each fault in turn: no loss, no duplicate, no gap, no 500, original answers, summaries equal the fold', async () => {
    let sabotaged: ReportRow | undefined;
    const lines: string[] = [];
    const report = await runChaos({
      ...SHORT,
      log: (l) => lines.push(l),
      async inspect(ctx) {
        const [a, b, c] = ctx.caseIds;
        const note = ctx.acknowledged.find((r) => r.kind === 'note' && r.caseId === a);
        if (!note || !b || !c) throw new Error('no acknowledged note on the first case');
        // A duplicate: the acknowledged command's event once more, at its case's next version.
        await ctx.pg.query(
          `INSERT INTO case_events (event_id, case_id, version, type, data, metadata)
           SELECT gen_random_uuid(), case_id,
                  (SELECT max(version) + 1 FROM case_events x WHERE x.case_id = e.case_id),
                  type, data, metadata
             FROM case_events e WHERE metadata->>'causationId' = $1`,
          [note.key],
        );
        // A gap: an event two versions ahead on another case.
        await ctx.pg.query(
          `INSERT INTO case_events (event_id, case_id, version, type, data, metadata)
           SELECT gen_random_uuid(), case_id, version + 2, type, data, metadata
             FROM case_events e WHERE case_id = $1
            ORDER BY version DESC LIMIT 1`,
          [c],
        );
        // A read model that is not the fold of its log.
        await ctx.pg.query(
          `UPDATE case_summaries SET assignee_id = 'someone-else' WHERE case_id = $1`,
          [b],
        );
        // An acknowledged command whose events are nowhere.
        const phantom = { ...note, key: 'chaos-never-stored' };
        sabotaged = await ctx.check([note, phantom]);
      },
    });
    process.stdout.write(`${lines.join('\n')}\n${formatReport(report)}\n`);
    expect(report.rows.map((r) => r.phase)).toEqual(['open cases', ...FAULT_KINDS]);
    for (const row of report.rows) {
      expect({ phase: row.phase, acknowledgedSome: row.acknowledged > 0 }).toEqual({
        phase: row.phase,
        acknowledgedSome: true,
      });
      expect(row).toMatchObject({
        lost: 0,
        duplicated: 0,
        gaps: 0,
        other5xx: 0,
        answerMismatch: 0,
        replayMismatch: 0,
        readModelDiffs: 0,
        rebuildDiffs: 0,
      });
    }
    expect(report.ok).toBe(true);
    // The checks see each kind of damage.
    expect(sabotaged).toMatchObject({
      lost: 1,
      duplicated: 1,
      answerMismatch: 1,
      gaps: 1,
      readModelDiffs: 3,
    });
    // The rebuild refuses to fold a log with a gap: its comparison counts that as a difference.
    expect(sabotaged?.rebuildDiffs).toBeGreaterThanOrEqual(1);
  });
});
