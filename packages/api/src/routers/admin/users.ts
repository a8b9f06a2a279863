import {
  adminCreateUser,
  adminDeleteUser,
  adminSetPassword,
  adminUpdateUser,
  approveSignup,
  countUsersByFilter,
  deleteSession,
  deleteUserSessions,
  getUserByIdOr404,
  listUserSessions,
  listUsers,
  logSecurityEvent,
  Password,
  rejectSignup,
  UsersAdminUpdate,
  UsersCreate,
  UsersListFilter,
} from '@roster/users';
import { z } from 'zod';
import { adminProcedure, router } from '../../trpc';

const Id = z.strictObject({
  id: z.number({ error: 'id must be a user id.' }).int().min(1, { error: 'id must be a user id.' }),
});

const ListInput = z
  .strictObject({
    pageNumber: z.number().int().min(1, { error: 'Page numbers start at 1.' }).default(1),
    numRecords: z
      .number()
      .int()
      .min(1, { error: 'A page holds 1 to 100 records.' })
      .max(100, { error: 'A page holds 1 to 100 records.' })
      .optional(),
    search: z.string().trim().max(250, { error: 'Search at most 250 characters.' }).optional(),
    filter: UsersListFilter.default('all'),
  })
  .default({ pageNumber: 1, filter: 'all' });

export const adminUsersRouter = router({
  list: adminProcedure.input(ListInput).query(({ ctx, input }) => listUsers(ctx.services, input)),

  /** How many users each filter tab holds, for the current search. */
  counts: adminProcedure
    .input(z.strictObject({ search: z.string().trim().max(250).optional() }).default({}))
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

  sessions: adminProcedure.input(Id).query(async ({ ctx, input }) => {
    await getUserByIdOr404(ctx.services.db, input.id);
    return listUserSessions(
      ctx.services.db,
      ctx.services.clock,
      ctx.services.sessionPolicy,
      input.id,
      ctx.session.sessionId,
    );
  }),

  revokeSession: adminProcedure
    .input(Id.extend({ sessionId: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await deleteSession(ctx.services.db, input.id, input.sessionId);
      if (revoked) {
        await logSecurityEvent(ctx.services.db, ctx.services.clock, {
          event: 'admin_sessions_revoked',
          userId: input.id,
          actorId: ctx.user.id,
          ...ctx.meta,
          details: { count: 1 },
        });
      }
      return { ok: true as const };
    }),

  revokeSessions: adminProcedure.input(Id).mutation(async ({ ctx, input }) => {
    await getUserByIdOr404(ctx.services.db, input.id);
    const revoked = await deleteUserSessions(ctx.services.db, input.id);
    await logSecurityEvent(ctx.services.db, ctx.services.clock, {
      event: 'admin_sessions_revoked',
      userId: input.id,
      actorId: ctx.user.id,
      ...ctx.meta,
      details: { count: revoked },
    });
    return { revoked };
  }),

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
