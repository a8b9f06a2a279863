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
  RejectInput,
  rejectSignup,
  RevokeUserSessionInput,
  SetPasswordInput,
  UserIdInput,
  UsersAdminUpdate,
  UsersCountsInput,
  UsersCreate,
  UsersListInput,
} from '@roster/users';
import { adminProcedure, router } from '../../trpc';

export const adminUsersRouter = router({
  list: adminProcedure
    .input(UsersListInput)
    .query(({ ctx, input }) => listUsers(ctx.services, input)),

  /** How many users each filter tab holds, for the current search. */
  counts: adminProcedure
    .input(UsersCountsInput)
    .query(({ ctx, input }) => countUsersByFilter(ctx.services, input.search)),

  get: adminProcedure
    .input(UserIdInput)
    .query(({ ctx, input }) => getUserByIdOr404(ctx.services.db, input.id)),

  create: adminProcedure
    .input(UsersCreate)
    .mutation(({ ctx, input }) => adminCreateUser(ctx.services, ctx.user, ctx.meta, input)),

  update: adminProcedure
    .input(UsersAdminUpdate.extend(UserIdInput.shape))
    .mutation(({ ctx, input }) => {
      const { id, ...patch } = input;
      return adminUpdateUser(ctx.services, ctx.user, ctx.meta, id, patch);
    }),

  setPassword: adminProcedure.input(SetPasswordInput).mutation(async ({ ctx, input }) => {
    await adminSetPassword(ctx.services, ctx.user, ctx.meta, input.id, input.password);
    return { ok: true as const };
  }),

  delete: adminProcedure.input(UserIdInput).mutation(async ({ ctx, input }) => {
    await adminDeleteUser(ctx.services, ctx.user, ctx.meta, input.id);
    return { ok: true as const };
  }),

  sessions: adminProcedure
    .input(UserIdInput)
    .query(({ ctx, input }) =>
      adminListUserSessions(ctx.services, ctx.session.sessionId, input.id),
    ),

  revokeSession: adminProcedure.input(RevokeUserSessionInput).mutation(async ({ ctx, input }) => {
    await adminRevokeUserSession(ctx.services, ctx.user, ctx.meta, input.id, input.sessionId);
    return { ok: true as const };
  }),

  revokeSessions: adminProcedure.input(UserIdInput).mutation(async ({ ctx, input }) => ({
    revoked: await adminRevokeUserSessions(ctx.services, ctx.user, ctx.meta, input.id),
  })),

  approve: adminProcedure
    .input(UserIdInput)
    .mutation(({ ctx, input }) => approveSignup(ctx.services, ctx.user, ctx.meta, input.id)),

  reject: adminProcedure.input(RejectInput).mutation(async ({ ctx, input }) => {
    await rejectSignup(ctx.services, ctx.user, ctx.meta, input.id, input.reason);
    return { ok: true as const };
  }),
});
