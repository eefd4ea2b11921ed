import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import { DATA_SOURCE, purgeDelivered, runDigest } from '@ariadne/persistence';
import { errorClass, OutboxSender } from './outbox-sender';

/** Days a delivered message (with its address) is kept before it is deleted. */
const KEEP_DELIVERED_DAYS = 30;

/** An SMTP transport from ARIADNE_SMTP_URL: a small pool, so a burst goes out in parallel. */
export function smtpTransport(url: string): Transporter {
  return createTransport({ url, pool: true, maxConnections: 5, maxMessages: Infinity });
}

/**
 * The outbox sender and the daily digest job, in the worker process
 * (docs/adr/0008-outbox-and-mail.md). Off while ARIADNE_SMTP_URL is unset: messages then wait in the outbox.
 */
@Injectable()
export class MailSenderService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailSenderService.name);
  private sender?: OutboxSender;
  private transport?: Transporter;
  private lastDigest = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const url = this.config.ARIADNE_SMTP_URL;
    if (!url) {
      this.logger.warn('ARIADNE_SMTP_URL is not set: mail stays in the outbox');
      return;
    }
    this.transport = smtpTransport(url);
    this.sender = new OutboxSender(this.ds, this.transport, {
      from: this.config.ARIADNE_MAIL_FROM,
      publicUrl: this.config.ARIADNE_PUBLIC_URL,
      maxAttempts: this.config.ARIADNE_MAIL_MAX_ATTEMPTS,
      retryBaseMs: this.config.ARIADNE_MAIL_RETRY_BASE * 1000,
    });
    this.sender.start(
      this.config.ARIADNE_MAIL_POLL_MS,
      // The class of the error only: a driver's or server's message may quote an address.
      (e) => this.logger.error(`Outbox sender: ${errorClass(e)}`),
      async () => {
        if (Date.now() - this.lastDigest < this.config.ARIADNE_MAIL_DIGEST_INTERVAL * 1000) return;
        this.lastDigest = Date.now();
        await runDigest(this.ds);
        await purgeDelivered(this.ds, KEEP_DELIVERED_DAYS);
      },
    );
    this.logger.log('Outbox sender started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sender?.stop();
    this.transport?.close();
  }
}
