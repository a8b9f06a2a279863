import type { Db } from '../db/transaction';
import { listIdentitiesOfUser } from '../oidc/identities.repository';
import { getServerSettings } from '../settings/settings.repository';
import { getStepUpState, getUserById } from '../users/users.repository';
import { countPasskeysOfUser } from './passkeys.repository';

/**
 * How many ways to sign in an account would have left without `leaving` (docs/api.md §11): a
 * password (while password sign-in is on for it; admins always), each passkey, and each identity
 * at an enabled provider. Read inside the removing transaction.
 */
export async function signInMethodsLeft(
  db: Db,
  userId: number,
  leaving: { passkeyId?: number; identityId?: number },
): Promise<number> {
  const [account, state, settings, passkeys, identities] = await Promise.all([
    getUserById(db, userId),
    getStepUpState(db, userId),
    getServerSettings(db),
    countPasskeysOfUser(db, userId),
    listIdentitiesOfUser(db, userId),
  ]);
  const password =
    state?.passwordHash != null &&
    (settings.passwordLoginEnabled || account?.accessType === 'admin')
      ? 1
      : 0;
  // `leaving` is one of the account's own (the caller checked it exists).
  const otherPasskeys = Math.max(0, passkeys - (leaving.passkeyId === undefined ? 0 : 1));
  const otherIdentities = identities.filter(
    (identity) => identity.id !== leaving.identityId && identity.providerEnabled,
  ).length;
  return password + otherPasskeys + otherIdentities;
}
