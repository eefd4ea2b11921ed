/** Replays saved histories of real runs against the current workflow code (see test/support/histories.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { parseKeyring, securityConfigFromEnv, temporalDataConverter } from '@ariadne/security';
import { TEST_PAYLOAD_KEYS } from '../support/test-keys';
import { ACCEPTED_DIR } from '../support/histories';
import { workflowBundle } from '../support/stack';

jest.setTimeout(120_000);

const files = readdirSync(ACCEPTED_DIR).filter((f) => f.endsWith('.json'));
const read = (file: string) =>
  historyFromJSON(JSON.parse(readFileSync(path.join(ACCEPTED_DIR, file), 'utf8')));

describe('replay of saved histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = read(file);
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

  it('after a key rotation, histories written under the old key still replay and decrypt', async () => {
    const fresh = `rotated-2027:${Buffer.alloc(32, 42).toString('base64')}`;
    // The new key is current; the old one stays in the ring only to read what it wrote.
    const rotated = parseKeyring(`${fresh},${TEST_PAYLOAD_KEYS}`);
    expect(rotated.currentKeyId).toBe('rotated-2027');
    const bundle = await workflowBundle();
    for (const file of files) {
      await expect(
        Worker.runReplayHistory(
          { workflowBundle: bundle, dataConverter: temporalDataConverter(rotated) },
          read(file),
          file,
        ),
      ).resolves.toBeUndefined();
    }
    // Without the old key they cannot be read: the test above is not vacuous.
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: bundle, dataConverter: temporalDataConverter(parseKeyring(fresh)) },
        read(files[0]!),
        files[0],
      ),
    ).rejects.toThrow();
  });
});
