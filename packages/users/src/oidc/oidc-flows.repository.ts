import type { Db } from '../db/transaction';
import type { OidcFlowsTable } from '../db/types';
import type { Insertable, Selectable } from 'kysely';

/** The SQL of `oidc_flows`: a sign-in or link between its start and its callback. */

export type OidcFlowRow = Selectable<OidcFlowsTable>;

export async function insertOidcFlow(db: Db, row: Insertable<OidcFlowsTable>): Promise<void> {
  await db.insertInto('oidcFlows').values(row).execute();
}

/**
 * Takes the flow of this state, once: the row is deleted as it is read, so of two callbacks with
 * the same state (a replay, a double click) only one finds it.
 */
export async function takeOidcFlow(db: Db, stateHash: string): Promise<OidcFlowRow | null> {
  return (
    (await db
      .deleteFrom('oidcFlows')
      .where('stateHash', '=', stateHash)
      .returningAll()
      .executeTakeFirst()) ?? null
  );
}

export async function deleteOidcFlowsExpiredBy(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('oidcFlows').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
