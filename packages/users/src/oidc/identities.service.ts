import { toIso } from '../clock';
import { logSecurityEvent } from '../audit/log';
import { verifyStepUp } from '../auth/step-up';
import { inTransaction } from '../db/transaction';
import { DomainError, NotFound, UserNotFound } from '../errors';
import type { IdentityRead } from '../schemas/identity-providers';
import type { StepUp } from '../schemas/step-up';
import type { RequestMeta, Services } from '../services';
import { signInMethodsLeft } from '../passkeys/sign-in-methods';
import { getUserById, lockUserRow } from '../users/users.repository';
import { deleteIdentityOfUser, listIdentitiesOfUser } from './identities.repository';
import { startProviderFlow } from './sign-in';

export async function listIdentities(
  s: Pick<Services, 'db'>,
  userId: number,
): Promise<IdentityRead[]> {
  return (await listIdentitiesOfUser(s.db, userId)).map((identity) => ({
    id: identity.id,
    provider: { slug: identity.providerSlug, name: identity.providerName },
    email: identity.email,
    linkedAt: toIso(identity.linkedAt),
    lastUsedAt: identity.lastUsedAt === null ? null : toIso(identity.lastUsedAt),
  }));
}

/**
 * Links another identity to the signed-in user: after the step-up, the provider's authorization
 * URL; its callback adds the identity to this user (docs/api.md §11).
 */
export async function startIdentityLink(
  s: Services,
  user: { id: number; username: string },
  meta: RequestMeta,
  input: { slug: string; stepUp: StepUp; browserToken: string },
): Promise<{ url: string }> {
  await verifyStepUp(s, user, meta, input.stepUp);
  const url = await startProviderFlow(s, {
    slug: input.slug,
    purpose: 'link',
    userId: user.id,
    browserToken: input.browserToken,
    ip: meta.ip,
  });
  return { url: url.toString() };
}

export class LastSignInMethod extends DomainError {
  constructor() {
    super(
      'LAST_SIGN_IN_METHOD',
      'This is the only way left to sign in to this account. Set a password or link another provider first.',
    );
  }
}

/**
 * Unlinks an identity after the step-up, unless it is the last way to sign in: a password (while
 * password sign-in is on for this user; admins always), a passkey, or an identity at an enabled
 * provider. Decided inside the deleting transaction, so two unlinks at once cannot both pass.
 */
export async function unlinkIdentity(
  s: Services,
  user: { id: number; username: string },
  meta: RequestMeta,
  input: { id: number; stepUp: StepUp },
): Promise<void> {
  await verifyStepUp(s, user, meta, input.stepUp);
  await inTransaction(s, async (tx) => {
    if (!(await getUserById(tx.db, user.id))) throw new UserNotFound();
    // Serialises removals of one user's ways in on PostgreSQL (SQLite writes one at a time).
    await lockUserRow(tx.db, user.id, s.clock.now());
    const identities = await listIdentitiesOfUser(tx.db, user.id);
    const target = identities.find((identity) => identity.id === input.id);
    if (!target) throw new NotFound('This identity is not linked to your account.');
    if ((await signInMethodsLeft(tx.db, user.id, { identityId: input.id })) === 0) {
      throw new LastSignInMethod();
    }
    await deleteIdentityOfUser(tx.db, user.id, input.id);
    await logSecurityEvent(tx, {
      event: 'identity_unlinked',
      userId: user.id,
      ...meta,
      details: { provider: target.providerSlug },
    });
  });
}
