import {
  Authenticated,
  completeMfaLogin,
  confirmEmailChange,
  EmailInput,
  login,
  LoginInput,
  LoginResult,
  Ok,
  PendingLoginEnded,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  ResetPasswordInput,
  signOut,
  signUp,
  SignupResult,
  TokenInput,
  UsersSignup,
  verifyEmail,
  VerifyEmailResult,
  VerifyMfaInput,
  WrongCode,
  passkeySignInOptions,
  mfaPasskeyOptions,
  PasskeyLoginInput,
  signInWithPasskey,
  WebAuthnRequestOptions,
} from '@roster/users';
import { webauthnToken } from '../browser-tokens';
import { startSessionCookie } from '../session-cookies';
import { protectedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  signup: publicProcedure
    .meta({
      scope: 'public',
      summary:
        'A person signs up; the server settings decide whether the account waits for a confirmed address or an administrator.',
      errors: ['SIGNUP_DISABLED', 'SIGNUP_CONFLICT', 'PASSWORD_POLICY', 'RATE_LIMITED', 'BUSY'],
    })
    .input(UsersSignup)
    .output(SignupResult)
    .mutation(({ ctx, input }) => signUp(ctx.services, ctx.meta, input)),

  passkeyOptions: publicProcedure
    .meta({
      summary:
        'Options for signing in with a passkey (discoverable credentials, user verification); the challenge lives 5 minutes, once, in this browser.',
      errors: ['RATE_LIMITED'],
    })
    .output(WebAuthnRequestOptions)
    .mutation(({ ctx }) =>
      passkeySignInOptions(ctx.services, ctx.meta, {
        browserToken: webauthnToken(ctx.cookies, ctx.cookieNames),
      }),
    ),

  passkeyLogin: publicProcedure
    .meta({
      summary: 'Signs in with a passkey; complete in itself (no second factor after it).',
      errors: ['PASSKEY_FAILED', 'SIGN_IN_EXPIRED', 'ACCOUNT_LOCKED', 'RATE_LIMITED'],
    })
    .input(PasskeyLoginInput)
    .output(Authenticated)
    .mutation(async ({ ctx, input }) => {
      const { user, session } = await signInWithPasskey(ctx.services, ctx.meta, {
        response: input.response,
        browserToken: ctx.cookies.get(ctx.cookieNames.webauthn),
      });
      await startSessionCookie(ctx, session);
      return { status: 'authenticated' as const, user };
    }),

  login: publicProcedure
    .meta({
      summary:
        'Signs in with a username (or email) and password: a session cookie, or the second step with a pending cookie.',
      errors: [
        'INVALID_CREDENTIALS',
        'ACCOUNT_LOCKED',
        'RATE_LIMITED',
        'BUSY',
        'EMAIL_NOT_VERIFIED',
        'ACCOUNT_PENDING_APPROVAL',
        'ACCOUNT_DISABLED',
      ],
    })
    .input(LoginInput)
    .output(LoginResult)
    .mutation(async ({ ctx, input }) => {
      const result = await login(ctx.services, ctx.meta, input);
      if (result.status === 'mfa_required') {
        ctx.cookies.set(ctx.cookieNames.pendingMfa, result.pendingToken, {
          maxAgeSeconds: (result.expiresAt - ctx.services.clock.now()) / 1000,
        });
        return { status: 'mfa_required' as const, methods: result.methods };
      }
      await startSessionCookie(ctx, result.session);
      return { status: 'authenticated' as const, user: result.user };
    }),

  verifyEmail: publicProcedure
    .meta({
      summary:
        'Opens a confirmation link: the address is confirmed, and a sign-up goes on to its next step.',
      errors: ['TOKEN_INVALID', 'TOKEN_USED', 'TOKEN_EXPIRED'],
    })
    .input(TokenInput)
    .output(VerifyEmailResult)
    .mutation(({ ctx, input }) => verifyEmail(ctx.services, ctx.meta, input.token)),

  resendVerification: publicProcedure
    .meta({
      summary:
        'Sends a new confirmation link to an unconfirmed address; the same answer whether or not it exists.',
    })
    .input(EmailInput)
    .output(Ok)
    .mutation(({ ctx, input }) => {
      resendVerification(ctx.services, ctx.meta, input.email);
      return { ok: true as const };
    }),

  requestPasswordReset: publicProcedure
    .meta({
      summary:
        'Emails a reset link (1 hour, single use); the same answer and timing whether or not the address exists.',
    })
    .input(EmailInput)
    .output(Ok)
    .mutation(({ ctx, input }) => {
      requestPasswordReset(ctx.services, ctx.meta, input.email);
      return { ok: true as const };
    }),

  resetPassword: publicProcedure
    .meta({
      summary:
        'Sets a new password with a reset link; every session of the account ends and its lock is lifted.',
      errors: ['TOKEN_INVALID', 'TOKEN_USED', 'TOKEN_EXPIRED', 'PASSWORD_POLICY', 'BUSY'],
    })
    .input(ResetPasswordInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await resetPassword(ctx.services, ctx.meta, input);
      return { ok: true as const };
    }),

  /** Opens the link sent to a new address (docs/api.md); works in any browser, signed in or not. */
  confirmEmailChange: publicProcedure
    .meta({
      summary:
        'Opens the link sent to a new address: the account takes it, and earlier links stop working.',
      errors: ['TOKEN_INVALID', 'TOKEN_USED', 'TOKEN_EXPIRED', 'EMAIL_TAKEN'],
    })
    .input(TokenInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await confirmEmailChange(ctx.services, ctx.meta, input.token);
      return { ok: true as const };
    }),

  mfaPasskeyOptions: publicProcedure
    .meta({
      summary:
        'Options for answering the second step of a sign-in (pending cookie) with one of the account’s passkeys.',
      errors: ['SIGN_IN_EXPIRED', 'PASSKEY_FAILED'],
    })
    .output(WebAuthnRequestOptions)
    .mutation(({ ctx }) =>
      mfaPasskeyOptions(ctx.services, {
        pendingToken: ctx.cookies.get(ctx.cookieNames.pendingMfa),
        browserToken: webauthnToken(ctx.cookies, ctx.cookieNames),
      }),
    ),

  verifyMfa: publicProcedure
    .meta({
      summary:
        'The second step of a sign-in (pending cookie): a TOTP or backup code, or a passkey’s answer to `auth.mfaPasskeyOptions`; 5 attempts, 5 minutes.',
      errors: ['WRONG_CODE', 'SIGN_IN_EXPIRED', 'ACCOUNT_LOCKED', 'RATE_LIMITED'],
    })
    .input(VerifyMfaInput)
    .output(Authenticated)
    .mutation(async ({ ctx, input }) => {
      const pendingToken = ctx.cookies.get(ctx.cookieNames.pendingMfa);
      try {
        const { user, session } = await completeMfaLogin(
          ctx.services,
          ctx.meta,
          pendingToken,
          'code' in input
            ? { code: input.code }
            : {
                passkey: input.passkey,
                browserToken: ctx.cookies.get(ctx.cookieNames.webauthn),
              },
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

  logout: protectedProcedure
    .meta({ summary: 'Signs out: the session ends and its cookie is cleared.' })
    .output(Ok)
    .mutation(async ({ ctx }) => {
      await signOut(ctx.services, ctx.user.id, ctx.meta, ctx.cookies.get(ctx.cookieNames.session));
      ctx.cookies.clear(ctx.cookieNames.session);
      return { ok: true as const };
    }),
});
