import {
  deleteSessionByToken,
  logSecurityEvent,
  login,
  Password,
  signUp,
  UsersSignup,
} from '@roster/users';
import { z } from 'zod';
import { startSessionCookie } from '../session-cookies';
import { protectedProcedure, publicProcedure, router } from '../trpc';

const LoginInput = z.strictObject({
  username: z
    .string()
    .trim()
    .min(1, { error: 'Enter your username or email.' })
    .max(250, { error: 'Username or email must be at most 250 characters.' }),
  password: Password,
});

export const authRouter = router({
  signup: publicProcedure
    .input(UsersSignup)
    .mutation(({ ctx, input }) => signUp(ctx.services, ctx.meta, input)),

  login: publicProcedure.input(LoginInput).mutation(async ({ ctx, input }) => {
    const result = await login(ctx.services, ctx.meta, input);
    if (result.status === 'mfa_required') {
      ctx.cookies.set(ctx.cookieNames.pendingMfa, result.pendingToken, {
        maxAgeSeconds: (result.expiresAt - ctx.services.clock.now()) / 1000,
      });
      return { status: 'mfa_required' as const };
    }
    await startSessionCookie(ctx, result.session);
    return { status: 'authenticated' as const, user: result.user };
  }),

  logout: protectedProcedure.mutation(async ({ ctx }) => {
    const token = ctx.cookies.get(ctx.cookieNames.session);
    if (token) await deleteSessionByToken(ctx.services.db, token);
    ctx.cookies.clear(ctx.cookieNames.session);
    await logSecurityEvent(ctx.services.db, ctx.services.clock, {
      event: 'logout',
      userId: ctx.user.id,
      ...ctx.meta,
    });
    return { ok: true as const };
  }),
});
