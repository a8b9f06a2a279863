import {
  completeMfaLogin,
  confirmEmailChange,
  EmailInput,
  login,
  LoginInput,
  PendingLoginEnded,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  ResetPasswordInput,
  signOut,
  signUp,
  TokenInput,
  UsersSignup,
  verifyEmail,
  VerifyMfaInput,
  WrongCode,
} from '@roster/users';
import { startSessionCookie } from '../session-cookies';
import { protectedProcedure, publicProcedure, router } from '../trpc';

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

  resetPassword: publicProcedure.input(ResetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.services, ctx.meta, input);
    return { ok: true as const };
  }),

  /** Opens the link sent to a new address (docs/api.md); works in any browser, signed in or not. */
  confirmEmailChange: publicProcedure.input(TokenInput).mutation(async ({ ctx, input }) => {
    await confirmEmailChange(ctx.services, ctx.meta, input.token);
    return { ok: true as const };
  }),

  verifyMfa: publicProcedure.input(VerifyMfaInput).mutation(async ({ ctx, input }) => {
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
    await signOut(ctx.services, ctx.user.id, ctx.meta, ctx.cookies.get(ctx.cookieNames.session));
    ctx.cookies.clear(ctx.cookieNames.session);
    return { ok: true as const };
  }),
});
