import { type Clock, SECOND } from '../clock';
import type { Db } from '../db/transaction';
import type { MailOutboxRow } from '../db/types';
import { isSealed, openSecret, sealSecret } from '../util/secret-box';
import {
  claimDueMail,
  deleteMailSentBefore,
  insertMail,
  markMailDone,
  scheduleMailRetry,
} from './outbox.repository';

export { countPendingMail } from './outbox.repository';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What queuing needs: the database (or the transaction of the change), the time, the mail key. */
export interface OutboxDeps {
  db: Db;
  clock: Clock;
  mailKey: Buffer;
}

/**
 * Queues an email. Call it with the transaction of the change that causes the email, so both commit
 * or neither does; the sender delivers it after commit. The bodies carry links with tokens, so they
 * are stored sealed (AES-256-GCM) and dropped once delivered: no database file, WAL or backup holds
 * a readable link (README › Security).
 */
export async function enqueueMail(s: OutboxDeps, message: MailMessage): Promise<void> {
  await insertMail(s.db, {
    recipient: message.to,
    subject: message.subject,
    textBody: sealSecret(s.mailKey, message.text),
    htmlBody: sealSecret(s.mailKey, message.html),
    createdAt: s.clock.now(),
  });
}

/**
 * The bodies of a claimed message, unsealed for delivery. A body queued by a version before
 * sealing (it has no `v1.` prefix) goes out as it is; one sealed under another SECRET_KEY throws.
 */
export function openMailBodies(
  mailKey: Buffer,
  row: Pick<MailOutboxRow, 'textBody' | 'htmlBody'>,
): { text: string; html: string } {
  const open = (body: string) => (isSealed(body) ? openSecret(mailKey, body) : body);
  return { text: open(row.textBody), html: open(row.htmlBody) };
}

/** How long a claimed message is reserved for the sender that claimed it. */
export const CLAIM_MS = 60 * SECOND;
/** Retries back off 1 s, 2 s, 4 s … and never wait longer than this between two attempts. */
export const MAX_RETRY_MS = 30 * SECOND;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, SECOND * 2 ** Math.max(0, attempts - 1));
}

type WorkerDeps = { db: Db; clock: Clock };

export function claimMail(s: WorkerDeps, limit: number): Promise<MailOutboxRow[]> {
  const now = s.clock.now();
  return claimDueMail(s.db, now, now + CLAIM_MS, limit);
}

export function markMailSent(s: WorkerDeps, id: number): Promise<void> {
  return markMailDone(s.db, id, s.clock.now(), null);
}

/** Gives up on a message that can never be sent (sealed under another key), keeping why. */
export function markMailUndeliverable(s: WorkerDeps, id: number, why: string): Promise<void> {
  return markMailDone(s.db, id, s.clock.now(), why);
}

export function markMailFailed(
  s: WorkerDeps,
  row: Pick<MailOutboxRow, 'id' | 'attempts'>,
  error: string,
): Promise<void> {
  const attempts = row.attempts + 1;
  return scheduleMailRetry(s.db, row.id, attempts, s.clock.now() + retryDelayMs(attempts), error);
}

/** Sent messages are kept a while for diagnosis (without their bodies), then dropped. */
export function deleteOldSentMail(s: WorkerDeps, keepMs: number): Promise<number> {
  return deleteMailSentBefore(s.db, s.clock.now() - keepMs);
}
