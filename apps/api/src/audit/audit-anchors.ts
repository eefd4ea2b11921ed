import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import { type AuditAnchor, appendAnchor, AuditTrail, readLatestAnchor } from '@ariadne/persistence';

/**
 * Anchors the audit chain now and then (ARIADNE_AUDIT_ANCHOR_INTERVAL): its head (seq, hash) is
 * written to the log and appended to ARIADNE_AUDIT_ANCHOR_FILE, for an operator to ship
 * elsewhere (log collector, another host, a notary). Whoever rewrites or truncates the trail in
 * the database cannot reach those copies; verify() checks the chain against the latest anchor.
 * Several replicas each anchor: more anchors of one chain, never a contradiction.
 */
@Injectable()
export class AuditAnchors implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditAnchor');
  private timer?: NodeJS.Timeout;
  private lastSeq = 0;

  constructor(
    private readonly trail: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get file(): string | null {
    return this.config.ARIADNE_AUDIT_ANCHOR_FILE ?? null;
  }

  onApplicationBootstrap(): void {
    const seconds = this.config.ARIADNE_AUDIT_ANCHOR_INTERVAL;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.anchorSafely(), seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Writes the head as an anchor, unless the chain has not grown since the last one. */
  async anchor(): Promise<AuditAnchor | null> {
    const head = await this.trail.head();
    if (!head || head.seq === this.lastSeq) return null;
    const anchor: AuditAnchor = { at: new Date(), seq: head.seq, hash: head.hash };
    this.logger.log(`audit anchor seq=${anchor.seq} hash=${anchor.hash.toString('hex')}`);
    if (this.file) await appendAnchor(this.file, anchor);
    this.lastSeq = head.seq;
    return anchor;
  }

  /** The latest anchor of the file, to verify against; null without a file. */
  latest(): Promise<AuditAnchor | null> {
    return this.file ? readLatestAnchor(this.file) : Promise.resolve(null);
  }

  private async anchorSafely(): Promise<void> {
    try {
      await this.anchor();
    } catch (e) {
      this.logger.error(`Audit anchor failed: ${e instanceof Error ? e.name : typeof e}`);
    }
  }
}
