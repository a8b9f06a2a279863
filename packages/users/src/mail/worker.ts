import { type Clock, DAY, SECOND } from '../clock';
import type { Db } from '../db/transaction';
import {
  claimMail,
  deleteOldSentMail,
  markMailFailed,
  markMailSent,
  markMailUndeliverable,
  openMailBodies,
} from './outbox';
import type { Logger, MailTransport } from './transport';

export interface Mailer {
  /** Ask for delivery now (after a commit that queued mail); returns at once. */
  wake(): void;
}

export interface MailWorker extends Mailer {
  start(): void;
  /** Stops polling and waits for a delivery in flight. */
  stop(): Promise<void>;
  /** Delivers everything due now; resolves when done. For tests and shutdown. */
  flush(): Promise<void>;
}

export interface MailWorkerOptions {
  db: Db;
  clock: Clock;
  /** Unseals the queued bodies (see `enqueueMail`). */
  mailKey: Buffer;
  transport: MailTransport;
  logger: Logger;
  /** How often the outbox is checked without a wake-up (other instances queue mail too). */
  pollMs?: number;
}

const BATCH = 20;

/**
 * Delivers the outbox: claims due messages, sends each, marks it sent or schedules a retry with
 * backoff. A failed send never loses the message; a claim keeps two instances from sending one
 * message twice.
 */
export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const { clock, transport, logger, mailKey } = options;
  const deps = { db: options.db, clock };
  const pollMs = options.pollMs ?? 5 * SECOND;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  // Counts wake-ups, so that one arriving during a delivery round causes another round.
  let wakeUps = 0;
  let stopped = true;
  let lastCleanup = 0;

  async function deliverDue(): Promise<void> {
    for (;;) {
      const batch = await claimMail(deps, BATCH);
      for (const row of batch) {
        let bodies: { text: string; html: string };
        try {
          bodies = openMailBodies(mailKey, row);
        } catch {
          logger.error(
            `mail: message ${row.id} was sealed under another SECRET_KEY and cannot be sent`,
          );
          await markMailUndeliverable(deps, row.id, 'sealed under another SECRET_KEY');
          continue;
        }
        try {
          await transport.send({ id: row.id, to: row.recipient, subject: row.subject, ...bodies });
          await markMailSent(deps, row.id);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          logger.warn(`mail: delivery of message ${row.id} failed, will retry (${reason})`);
          await markMailFailed(deps, row, reason);
        }
      }
      if (batch.length < BATCH) break;
    }
    if (clock.now() - lastCleanup > DAY) {
      lastCleanup = clock.now();
      await deleteOldSentMail(deps, 7 * DAY);
    }
  }

  function run(): Promise<void> {
    wakeUps += 1;
    if (running) return running;
    running = (async () => {
      let seen: number;
      do {
        seen = wakeUps;
        try {
          await deliverDue();
        } catch (error) {
          logger.error(
            `mail: outbox check failed (${error instanceof Error ? error.message : String(error)})`,
          );
        }
      } while (wakeUps !== seen && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    wake() {
      if (!stopped) void run();
    },
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(() => void run(), pollMs);
      timer.unref();
      void run();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      transport.close();
    },
    async flush() {
      await running;
      await run();
    },
  };
}
