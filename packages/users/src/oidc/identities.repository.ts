import type { Db } from '../db/transaction';

/** The SQL of `user_identities`: who a `(provider, subject)` is at Roster. */

export interface IdentityWithProvider {
  id: number;
  userId: number;
  providerId: number;
  subject: string;
  email: string | null;
  linkedAt: number;
  lastUsedAt: number | null;
  providerSlug: string;
  providerName: string;
  providerEnabled: boolean;
}

function withProvider(db: Db) {
  return db
    .selectFrom('userIdentities')
    .innerJoin('identityProviders', 'identityProviders.id', 'userIdentities.providerId')
    .select([
      'userIdentities.id',
      'userIdentities.userId',
      'userIdentities.providerId',
      'userIdentities.subject',
      'userIdentities.email',
      'userIdentities.linkedAt',
      'userIdentities.lastUsedAt',
      'identityProviders.slug as providerSlug',
      'identityProviders.name as providerName',
      'identityProviders.enabled as providerEnabled',
    ]);
}

const toIdentity = (
  row: Omit<IdentityWithProvider, 'providerEnabled'> & { providerEnabled: unknown },
) => ({ ...row, providerEnabled: Boolean(row.providerEnabled) }) satisfies IdentityWithProvider;

export async function listIdentitiesOfUser(
  db: Db,
  userId: number,
): Promise<IdentityWithProvider[]> {
  const rows = await withProvider(db)
    .where('userIdentities.userId', '=', userId)
    .orderBy('userIdentities.linkedAt')
    .orderBy('userIdentities.id')
    .execute();
  return rows.map(toIdentity);
}

export async function findIdentity(
  db: Db,
  providerId: number,
  subject: string,
): Promise<IdentityWithProvider | null> {
  const row = await withProvider(db)
    .where('userIdentities.providerId', '=', providerId)
    .where('userIdentities.subject', '=', subject)
    .executeTakeFirst();
  return row ? toIdentity(row) : null;
}

export async function insertIdentity(
  db: Db,
  row: { userId: number; providerId: number; subject: string; email: string | null; now: number },
): Promise<void> {
  await db
    .insertInto('userIdentities')
    .values({
      userId: row.userId,
      providerId: row.providerId,
      subject: row.subject,
      email: row.email,
      linkedAt: row.now,
      lastUsedAt: row.now,
    })
    .execute();
}

export async function touchIdentity(
  db: Db,
  id: number,
  values: { email: string | null; now: number },
): Promise<void> {
  await db
    .updateTable('userIdentities')
    .set({ lastUsedAt: values.now, email: values.email })
    .where('id', '=', id)
    .execute();
}

/** Removes one identity of this user; false when it is not theirs (or already gone). */
export async function deleteIdentityOfUser(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('userIdentities')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
