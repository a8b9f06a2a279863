import {
  BackupCodes,
  disableMfa,
  enableMfa,
  MfaEnableInput,
  MfaPasswordAndCode,
  MfaSetup,
  MfaStatus,
  mfaStatus,
  Ok,
  regenerateBackupCodes,
  setupMfa,
} from '@roster/users';
import { protectedProcedure, router, userProcedure } from '../trpc';

export const mfaRouter = router({
  status: userProcedure
    .meta({ scope: 'me:read', summary: 'Whether MFA is on, and how many backup codes are left.' })
    .output(MfaStatus)
    .query(({ ctx }) => mfaStatus(ctx.services, ctx.user.id)),

  setup: protectedProcedure
    .meta({
      summary: 'Starts enrolment: a new secret and its QR code; nothing is on until `mfa.enable`.',
      errors: ['MFA_ALREADY_ENABLED'],
    })
    .output(MfaSetup)
    .mutation(({ ctx }) => setupMfa(ctx.services, ctx.user)),

  enable: protectedProcedure
    .meta({
      summary:
        'Turns MFA on with the password and a code from the new secret; answers the 10 backup codes, once.',
      errors: [
        'MFA_ALREADY_ENABLED',
        'MFA_SETUP_MISSING',
        'WRONG_CODE',
        'STEP_UP_FAILED',
        'ACCOUNT_LOCKED',
      ],
    })
    .input(MfaEnableInput)
    .output(BackupCodes)
    .mutation(({ ctx, input }) => enableMfa(ctx.services, ctx.user, ctx.meta, input)),

  disable: protectedProcedure
    .meta({
      summary: 'Turns MFA off with the password and a code.',
      errors: ['MFA_NOT_ENABLED', 'STEP_UP_FAILED', 'ACCOUNT_LOCKED'],
    })
    .input(MfaPasswordAndCode)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await disableMfa(ctx.services, ctx.user, ctx.meta, input);
      return { ok: true as const };
    }),

  regenerateBackupCodes: protectedProcedure
    .meta({
      summary: 'Replaces every backup code with 10 new ones, with the password and a code.',
      errors: ['MFA_NOT_ENABLED', 'STEP_UP_FAILED', 'ACCOUNT_LOCKED'],
    })
    .input(MfaPasswordAndCode)
    .output(BackupCodes)
    .mutation(({ ctx, input }) => regenerateBackupCodes(ctx.services, ctx.user, ctx.meta, input)),
});
