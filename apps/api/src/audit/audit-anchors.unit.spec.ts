import { Logger } from '@nestjs/common';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@ariadne/config';
import type { AuditTrail } from '@ariadne/persistence';
import { AuditAnchors } from './audit-anchors';

describe('audit anchors', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ariadne-anchor-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  function anchors(head: jest.Mock, file?: string) {
    const config = { ARIADNE_AUDIT_ANCHOR_FILE: file, ARIADNE_AUDIT_ANCHOR_INTERVAL: 0 };
    return new AuditAnchors({ head } as unknown as AuditTrail, config as AppConfig);
  }

  it('writes the head to the log and the file, once per new head', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const file = join(dir, 'anchors.log');
    const head = jest
      .fn()
      .mockResolvedValueOnce({ seq: 5, hash: Buffer.alloc(32, 1) })
      .mockResolvedValueOnce({ seq: 5, hash: Buffer.alloc(32, 1) })
      .mockResolvedValueOnce({ seq: 9, hash: Buffer.alloc(32, 2) });
    const a = anchors(head, file);
    await a.anchor();
    await a.anchor(); // unchanged head: no new anchor
    await a.anchor();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as { seq: number; hash: string })).toEqual([
      expect.objectContaining({ seq: 5, hash: '01'.repeat(32) }),
      expect.objectContaining({ seq: 9, hash: '02'.repeat(32) }),
    ]);
    expect(await a.latest()).toMatchObject({ seq: 9 });
    expect(log).toHaveBeenCalledWith(`audit anchor seq=9 hash=${'02'.repeat(32)}`);
    log.mockRestore();
  });

  it('without a file: the log only, and nothing to verify against', async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const a = anchors(jest.fn().mockResolvedValue({ seq: 1, hash: Buffer.alloc(32) }));
    await expect(a.anchor()).resolves.toMatchObject({ seq: 1 });
    await expect(a.latest()).resolves.toBeNull();
  });
});
