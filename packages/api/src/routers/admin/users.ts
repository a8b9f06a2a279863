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
  Password,
  rejectSignup,
  UsersAdminUpdate,
  UsersCreate,
  UsersListFilter,
} from '@roster/users';
import { z } from 'zod';
import { adminProcedure, router } from '../../trpc';

const UserId = z
  .number({ error: 'id must be a user id.' })
  .int({ error: 'id must be a user id.' })
  .min(1, { error: 'id must be a user id.' });

const Id = z.strictObject({ id: UserId });

const Search = z.string().trim().max(250, { error: 'Search at most 250 characters.' });

const ListInput = z
  .strictObject({
    pageNumber: z.number().int().min(1, { error: 'Page numbers start at 1.' }).default(1),
    numRecords: z
      .number()
      .int()
      .min(1, { error: 'A page holds 1 to 100 records.' })
      .max(100, { error: 'A page holds 1 to 100 records.' })
      .optional(),
    search: Search.optional(),
    filter: UsersListFilter.default('all'),
  })
  .default({ pageNumber: 1, filter: 'all' });

export const adminUsersRouter = router({
  list: adminProcedure.input(ListInput).query(({ ctx, input }) => listUsers(ctx.services, input)),

  /** How many users each filter tab holds, for the current search. */
  counts: adminProcedure
    .input(z.strictObject({ search: Search.optional() }).default({}))
    .query(({ ctx, input }) => countUsersByFilter(ctx.services, input.search)),

  get: adminProcedure
    .input(Id)
    .query(({ ctx, input }) => getUserByIdOr404(ctx.services.db, input.id)),

  create: adminProcedure
    .input(UsersCreate)
    .mutation(({ ctx, input }) => adminCreateUser(ctx.services, ctx.user, ctx.meta, input)),

  update: adminProcedure.input(UsersAdminUpdate.extend(Id.shape)).mutation(({ ctx, input }) => {
    const { id, ...patch } = input;
    return adminUpdateUser(ctx.services, ctx.user, ctx.meta, id, patch);
  }),

  setPassword: adminProcedure
    .input(Id.extend({ password: Password }))
    .mutation(async ({ ctx, input }) => {
      await adminSetPassword(ctx.services, ctx.user, ctx.meta, input.id, input.password);
      return { ok: true as const };
    }),

  delete: adminProcedure.input(Id).mutation(async ({ ctx, input }) => {
    await adminDeleteUser(ctx.services, ctx.user, ctx.meta, input.id);
    return { ok: true as const };
  }),

  sessions: adminProcedure
    .input(Id)
    .query(({ ctx, input }) =>
      adminListUserSessions(ctx.services, ctx.session.sessionId, input.id),
    ),

  revokeSession: adminProcedure
    .input(Id.extend({ sessionId: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      await adminRevokeUserSession(ctx.services, ctx.user, ctx.meta, input.id, input.sessionId);
      return { ok: true as const };
    }),

  revokeSessions: adminProcedure.input(Id).mutation(async ({ ctx, input }) => ({
    revoked: await adminRevokeUserSessions(ctx.services, ctx.user, ctx.meta, input.id),
  })),

  approve: adminProcedure
    .input(Id)
    .mutation(({ ctx, input }) => approveSignup(ctx.services, ctx.user, ctx.meta, input.id)),

  reject: adminProcedure
    .input(
      Id.extend({
        reason: z
          .string()
          .trim()
          .max(1000, { error: 'Keep the reason under 1000 characters.' })
          .optional()
          .transform((reason) => (reason === '' ? undefined : reason)),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await rejectSignup(ctx.services, ctx.user, ctx.meta, input.id, input.reason);
      return { ok: true as const };
    }),
});
