import {
  completeMfaLogin,
  confirmEmailChange,
  deleteSessionByToken,
  Email,
  logSecurityEvent,
  login,
  Password,
  PendingLoginEnded,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
  UsersSignup,
  verifyEmail,
  WrongCode,
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

const TokenInput = z.strictObject({
  token: z
    .string()
    .trim()
    .min(1, { error: 'The link has no token.' })
    .max(200, { error: 'This link is not valid.' }),
});
const EmailInput = z.strictObject({ email: Email });

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

  verifyEmail: publicProcedure
    .input(TokenInput)
    .mutation(({ ctx, input }) => verifyEmail(ctx.services, ctx.meta, input.token)),

  resendVerification: publicProcedure.input(EmailInput).mutation(({ ctx, input }) => {
    resendVerification(ctx.services, ctx.meta, input.email);
    return { ok: true as const };
  }),

  requestPasswordReset: publicProcedure.input(EmailInput).mutation(({ ctx, input }) => {
    requestPasswordReset(ctx.services, ctx.meta, input.email);
    return { ok: true as const };
  }),

  resetPassword: publicProcedure
    .input(TokenInput.extend({ password: Password }))
    .mutation(async ({ ctx, input }) => {
      await resetPassword(ctx.services, ctx.meta, input);
      return { ok: true as const };
    }),

  /** Opens the link sent to a new address (API.md §9); works in any browser, signed in or not. */
  confirmEmailChange: publicProcedure.input(TokenInput).mutation(async ({ ctx, input }) => {
    await confirmEmailChange(ctx.services, ctx.meta, input.token);
    return { ok: true as const };
  }),

  verifyMfa: publicProcedure
    .input(
      z.strictObject({
        code: z
          .string()
          .trim()
          .min(1, { error: 'Enter a code from your authenticator app or a backup code.' })
          .max(32, { error: 'That code is too long.' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const pendingToken = ctx.cookies.get(ctx.cookieNames.pendingMfa);
      try {
        const { user, session } = await completeMfaLogin(
          ctx.services,
          ctx.meta,
          pendingToken,
          input.code,
        );
        await startSessionCookie(ctx, session);
        return { status: 'authenticated' as const, user };
      } catch (error) {
        // A pending login that ended (expired, or too many wrong codes) leaves no cookie behind.
        if (error instanceof PendingLoginEnded || (error instanceof WrongCode && error.ended)) {
          ctx.cookies.clear(ctx.cookieNames.pendingMfa);
        }
        throw error;
      }
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
