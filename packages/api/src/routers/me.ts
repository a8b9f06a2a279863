import {
  changePassword,
  deleteSession,
  deleteUserSessions,
  getUserMe,
  listSecurityEvents,
  listUserSessions,
  logSecurityEvent,
  Password,
} from '@roster/users';
import { z } from 'zod';
import { protectedProcedure, router } from '../trpc';

const sessionsRouter = router({
  list: protectedProcedure.query(({ ctx }) =>
    listUserSessions(
      ctx.services.db,
      ctx.services.clock,
      ctx.services.sessionPolicy,
      ctx.user.id,
      ctx.session.sessionId,
    ),
  ),

  revoke: protectedProcedure
    .input(z.strictObject({ id: z.string().trim().min(1, { error: 'Which session?' }).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await deleteSession(ctx.services.db, ctx.user.id, input.id);
      if (revoked) {
        await logSecurityEvent(ctx.services.db, ctx.services.clock, {
          event: 'session_revoked',
          userId: ctx.user.id,
          ...ctx.meta,
        });
      }
      // Ending the current session is signing out.
      if (input.id === ctx.session.sessionId) ctx.cookies.clear(ctx.cookieNames.session);
      return { ok: true as const };
    }),

  revokeOthers: protectedProcedure.mutation(async ({ ctx }) => {
    const revoked = await deleteUserSessions(ctx.services.db, ctx.user.id, ctx.session.sessionId);
    await logSecurityEvent(ctx.services.db, ctx.services.clock, {
      event: 'sessions_revoked',
      userId: ctx.user.id,
      ...ctx.meta,
      details: { count: revoked },
    });
    return { revoked };
  }),
});

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getUserMe(ctx.services.db, ctx.user.id, ctx.user)),

  changePassword: protectedProcedure
    .input(
      z.strictObject({
        currentPassword: Password,
        password: Password,
        mfaCode: z.string().trim().max(32).optional(),
        revokeOtherSessions: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx.services, ctx.user, ctx.session.sessionId, ctx.meta, input);
      return { ok: true as const };
    }),

  sessions: sessionsRouter,

  /** The signed-in user's recent security activity (sign-ins, changes, revocations). */
  securityEvents: protectedProcedure.query(({ ctx }) =>
    listSecurityEvents(ctx.services.db, { userId: ctx.user.id, limit: 20 }),
  ),
});
