import { type Clock, SECOND } from '../clock';
import type { Db } from '../db/transaction';
import type { MailOutboxRow } from '../db/types';
import { isSealed, openSecret, sealSecret } from '../util/secret-box';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What queuing needs: the time, and the key that seals bodies (derived from SECRET_KEY). */
export interface OutboxDeps {
  clock: Clock;
  mailKey: Buffer;
}

/**
 * Queues an email. Call it with the transaction of the change that causes the email, so both commit
 * or neither does; the sender delivers it after commit. The bodies carry links with tokens, so they
 * are stored sealed (AES-256-GCM) and dropped once delivered: no database file, WAL or backup holds
 * a readable link (SECURITY.md › Tokens at rest).
 */
export async function enqueueMail(db: Db, s: OutboxDeps, message: MailMessage): Promise<void> {
  const now = s.clock.now();
  await db
    .insertInto('mailOutbox')
    .values({
      recipient: message.to,
      subject: message.subject,
      textBody: sealSecret(s.mailKey, message.text),
      htmlBody: sealSecret(s.mailKey, message.html),
      createdAt: now,
      nextAttemptAt: now,
      lockedUntil: null,
      sentAt: null,
      lastError: null,
    })
    .execute();
}

/** How long a claimed message is reserved for the sender that claimed it. */
export const CLAIM_MS = 60 * SECOND;
/** Retries back off 1 s, 2 s, 4 s … and never wait longer than this between two attempts. */
export const MAX_RETRY_MS = 30 * SECOND;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, SECOND * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims up to `limit` due messages for this sender. A claim is a conditional update, so two
 * instances polling the same database never both take one message.
 */
export async function claimDueMail(db: Db, clock: Clock, limit: number): Promise<MailOutboxRow[]> {
  const now = clock.now();
  const candidates = await db
    .selectFrom('mailOutbox')
    .select('id')
    .where('sentAt', 'is', null)
    .where('nextAttemptAt', '<=', now)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', now)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: MailOutboxRow[] = [];
  for (const { id } of candidates) {
    const row = await db
      .updateTable('mailOutbox')
      .set({ lockedUntil: now + CLAIM_MS })
      .where('id', '=', id)
      .where('sentAt', 'is', null)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', now)]))
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push(row);
  }
  return claimed;
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

/** Gives up on a message that can never be sent (sealed under another key), keeping why. */
export async function markMailUndeliverable(db: Db, clock: Clock, id: number, why: string) {
  await db
    .updateTable('mailOutbox')
    .set({ sentAt: clock.now(), lockedUntil: null, lastError: why, textBody: '', htmlBody: '' })
    .where('id', '=', id)
    .execute();
}

/** Delivered: the bodies are dropped, only who, what subject and when stay for diagnosis. */
export async function markMailSent(db: Db, clock: Clock, id: number): Promise<void> {
  await db
    .updateTable('mailOutbox')
    .set({ sentAt: clock.now(), lockedUntil: null, lastError: null, textBody: '', htmlBody: '' })
    .where('id', '=', id)
    .execute();
}

export async function markMailFailed(
  db: Db,
  clock: Clock,
  row: Pick<MailOutboxRow, 'id' | 'attempts'>,
  error: string,
): Promise<void> {
  const attempts = row.attempts + 1;
  await db
    .updateTable('mailOutbox')
    .set({
      attempts,
      nextAttemptAt: clock.now() + retryDelayMs(attempts),
      lockedUntil: null,
      lastError: error.slice(0, 1000),
    })
    .where('id', '=', row.id)
    .execute();
}

export async function countPendingMail(db: Db): Promise<number> {
  const row = await db
    .selectFrom('mailOutbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('sentAt', 'is', null)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Sent messages are kept a week for diagnosis, then dropped. */
export async function deleteOldSentMail(db: Db, clock: Clock, keepMs: number): Promise<number> {
  const result = await db
    .deleteFrom('mailOutbox')
    .where('sentAt', 'is not', null)
    .where('sentAt', '<', clock.now() - keepMs)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
