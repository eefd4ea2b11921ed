/**
 * The outbox sender alone, as a process a test can kill -9. Environment: DATABASE_URL,
 * ARIADNE_SMTP_URL; HANG_AFTER_DELIVERIES=n makes it stop dead after the n-th SMTP 250 and
 * before marking that message sent (it prints "delivered <id>" after each 250).
 */
import 'reflect-metadata';
import { createDataSource } from '@ariadne/persistence';
import { smtpTransport } from '../../apps/worker/src/mail/mail-sender.service';
import { OutboxSender } from '../../apps/worker/src/mail/outbox-sender';

async function main(): Promise<void> {
  const ds = await createDataSource(process.env.DATABASE_URL as string).initialize();
  const hangAfter = Number(process.env.HANG_AFTER_DELIVERIES ?? 0);
  let delivered = 0;
  const sender = new OutboxSender(ds, smtpTransport(process.env.ARIADNE_SMTP_URL as string), {
    from: 'Ariadne <no-reply@ariadne.test>',
    publicUrl: 'http://127.0.0.1:3000',
    maxAttempts: 5,
    retryBaseMs: 1000,
    batchSize: 5,
    afterDelivery: async (id) => {
      delivered += 1;
      process.stdout.write(`delivered ${id}\n`);
      if (hangAfter > 0 && delivered >= hangAfter) await new Promise(() => undefined);
    },
  });
  sender.start(100, (e) => process.stderr.write(`sender error ${String(e)}\n`));
  process.stdout.write('ready\n');
}

void main();
