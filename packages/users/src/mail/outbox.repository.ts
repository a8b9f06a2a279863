import type { Db } from '../db/transaction';
import type { MailOutboxRow } from '../db/types';

/**
 * The SQL of `mail_outbox`. Claims are conditional updates, so two instances polling the same
 * database never both take one message; bodies arrive here sealed and leave blanked once sent.
 */

export async function insertMail(
  db: Db,
  row: Pick<MailOutboxRow, 'recipient' | 'subject' | 'textBody' | 'htmlBody' | 'createdAt'>,
): Promise<void> {
  await db
    .insertInto('mailOutbox')
    .values({
      ...row,
      nextAttemptAt: row.createdAt,
      lockedUntil: null,
      sentAt: null,
      lastError: null,
    })
    .execute();
}

/** Claims up to `limit` due messages until `claimUntil`. */
export async function claimDueMail(
  db: Db,
  now: number,
  claimUntil: number,
  limit: number,
): Promise<MailOutboxRow[]> {
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
      .set({ lockedUntil: claimUntil })
      .where('id', '=', id)
      .where('sentAt', 'is', null)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', now)]))
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push(row);
  }
  return claimed;
}

/** Delivered (or given up): the bodies are dropped, only who, what subject and when stay. */
export async function markMailDone(
  db: Db,
  id: number,
  now: number,
  lastError: string | null,
): Promise<void> {
  await db
    .updateTable('mailOutbox')
    .set({ sentAt: now, lockedUntil: null, lastError, textBody: '', htmlBody: '' })
    .where('id', '=', id)
    .execute();
}

export async function scheduleMailRetry(
  db: Db,
  id: number,
  attempts: number,
  nextAttemptAt: number,
  error: string,
): Promise<void> {
  await db
    .updateTable('mailOutbox')
    .set({ attempts, nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 1000) })
    .where('id', '=', id)
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

export async function deleteMailSentBefore(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom('mailOutbox')
    .where('sentAt', 'is not', null)
    .where('sentAt', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every queued message, oldest first (for the tests' view of the outbox). */
export function getAllMail(db: Db) {
  return db
    .selectFrom('mailOutbox')
    .select(['id', 'recipient', 'subject', 'textBody', 'htmlBody', 'sentAt'])
    .orderBy('id')
    .execute();
}
