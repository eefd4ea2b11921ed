/** Replays saved histories of real runs against the current workflow code (see test/support/histories.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { securityConfigFromEnv, temporalDataConverter } from '@ariadne/security';
import { ACCEPTED_DIR } from '../test/support/histories';
import { workflowBundle } from '../test/support/stack';

jest.setTimeout(120_000);

const files = readdirSync(ACCEPTED_DIR).filter((f) => f.endsWith('.json'));

describe('replay of saved histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = historyFromJSON(
      JSON.parse(readFileSync(path.join(ACCEPTED_DIR, file), 'utf8')),
    );
    await expect(
      Worker.runReplayHistory(
        {
          workflowBundle: await workflowBundle(),
          // Histories are encrypted like every payload; CI replays them with the test keys.
          dataConverter: temporalDataConverter(securityConfigFromEnv().payloadKeys),
        },
        history,
        file,
      ),
    ).resolves.toBeUndefined();
  });
});
