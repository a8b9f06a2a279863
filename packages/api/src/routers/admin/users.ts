import {
  adminCreateUser,
  adminDeleteUser,
  adminListUserSessions,
  adminRevokeUserSession,
  adminRevokeUserSessions,
  adminSetPassword,
  adminUpdateUser,
  approveSignup,
  countUsersByFilter,
  getUserByIdOr404,
  listUsers,
  Ok,
  RejectInput,
  rejectSignup,
  Revoked,
  RevokeUserSessionInput,
  SessionInfo,
  SetPasswordInput,
  UserCountsOutput,
  UserIdInput,
  UsersAdminUpdate,
  UsersCountsInput,
  UsersCreate,
  UsersListInput,
  UsersListResponse,
  UsersRead,
  resetSecondFactors,
  SecondFactors,
  secondFactorsOf,
  StepUp,
  AdminRevokeApiKeyInput,
  AdminUserApiKeysInput,
  adminRevokeApiKey,
  ApiKeyRead,
  adminListApiKeys,
} from '@roster/users';
import { z } from 'zod';
import { adminProcedure, router } from '../../trpc';

const apiKeysRouter = router({
  list: adminProcedure
    .meta({ summary: 'A user’s API keys (never the keys themselves).' })
    .input(AdminUserApiKeysInput)
    .output(z.array(ApiKeyRead))
    .query(({ ctx, input }) => adminListApiKeys(ctx.services, input.id)),

  revoke: adminProcedure
    .meta({ scope: 'browser', summary: 'Revokes one of a user’s API keys.' })
    .input(AdminRevokeApiKeyInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await adminRevokeApiKey(ctx.services, ctx.user, ctx.meta, input.id, input.keyId);
      return { ok: true as const };
    }),
});

export const adminUsersRouter = router({
  apiKeys: apiKeysRouter,
  list: adminProcedure
    .meta({
      summary: 'One page of users ordered by username, with a substring search and a filter.',
    })
    .input(UsersListInput)
    .output(UsersListResponse)
    .query(({ ctx, input }) => listUsers(ctx.services, input)),

  counts: adminProcedure
    .meta({ summary: 'How many users each filter tab holds, for a search.' })
    .input(UsersCountsInput)
    .output(UserCountsOutput)
    .query(({ ctx, input }) => countUsersByFilter(ctx.services, input.search)),

  get: adminProcedure
    .meta({ summary: 'One user.' })
    .input(UserIdInput)
    .output(UsersRead)
    .query(({ ctx, input }) => getUserByIdOr404(ctx.services.db, input.id)),

  create: adminProcedure
    .meta({
      summary: 'Creates a user (verified and active unless said otherwise).',
      errors: ['USERNAME_TAKEN', 'EMAIL_TAKEN', 'PASSWORD_POLICY'],
    })
    .input(UsersCreate)
    .output(UsersRead)
    .mutation(({ ctx, input }) => adminCreateUser(ctx.services, ctx.user, ctx.meta, input)),

  update: adminProcedure
    .meta({
      summary: 'Changes any field of a user; deactivating ends their sessions.',
      errors: ['USERNAME_TAKEN', 'EMAIL_TAKEN', 'LAST_ADMIN'],
    })
    .input(UsersAdminUpdate.extend(UserIdInput.shape))
    .output(UsersRead)
    .mutation(({ ctx, input }) => {
      const { id, ...patch } = input;
      return adminUpdateUser(ctx.services, ctx.user, ctx.meta, id, patch);
    }),

  setPassword: adminProcedure
    .meta({
      summary: 'Sets a user’s password; every session of theirs ends.',
      errors: ['PASSWORD_POLICY', 'BUSY'],
    })
    .input(SetPasswordInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await adminSetPassword(ctx.services, ctx.user, ctx.meta, input.id, input.password);
      return { ok: true as const };
    }),

  delete: adminProcedure
    .meta({ summary: 'Deletes a user with everything of theirs.', errors: ['LAST_ADMIN'] })
    .input(UserIdInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await adminDeleteUser(ctx.services, ctx.user, ctx.meta, input.id);
      return { ok: true as const };
    }),

  sessions: adminProcedure
    .meta({ summary: 'A user’s live sessions.' })
    .input(UserIdInput)
    .output(z.array(SessionInfo))
    .query(({ ctx, input }) => adminListUserSessions(ctx.services, ctx.sessionId, input.id)),

  revokeSession: adminProcedure
    .meta({ summary: 'Ends one session of a user.', errors: ['SESSION_ENDED'] })
    .input(RevokeUserSessionInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await adminRevokeUserSession(ctx.services, ctx.user, ctx.meta, input.id, input.sessionId);
      return { ok: true as const };
    }),

  secondFactors: adminProcedure
    .meta({ summary: 'Whether a user has TOTP on, how many backup codes and passkeys.' })
    .input(UserIdInput)
    .output(SecondFactors)
    .query(({ ctx, input }) => secondFactorsOf(ctx.services, input.id)),

  resetSecondFactors: adminProcedure
    .meta({
      scope: 'browser',
      summary:
        'For a lost device, after the admin’s own step-up: removes the user’s TOTP, backup codes and passkeys, ends their sessions, emails them.',
    })
    .input(UserIdInput.extend({ stepUp: StepUp }))
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await resetSecondFactors(ctx.services, ctx.user, ctx.meta, input);
      return { ok: true as const };
    }),

  revokeSessions: adminProcedure
    .meta({ summary: 'Ends every session of a user.' })
    .input(UserIdInput)
    .output(Revoked)
    .mutation(async ({ ctx, input }) => ({
      revoked: await adminRevokeUserSessions(ctx.services, ctx.user, ctx.meta, input.id),
    })),

  approve: adminProcedure
    .meta({
      summary: 'Approves a pending sign-up and tells the person.',
      errors: ['NOT_PENDING', 'EMAIL_UNVERIFIED_FOR_APPROVAL'],
    })
    .input(UserIdInput)
    .output(UsersRead)
    .mutation(({ ctx, input }) => approveSignup(ctx.services, ctx.user, ctx.meta, input.id)),

  reject: adminProcedure
    .meta({
      summary: 'Deletes a pending sign-up and tells the person why.',
      errors: ['NOT_PENDING', 'LAST_ADMIN'],
    })
    .input(RejectInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await rejectSignup(ctx.services, ctx.user, ctx.meta, input.id, input.reason);
      return { ok: true as const };
    }),
});
