import {
  disableMfa,
  enableMfa,
  mfaStatus,
  Password,
  regenerateBackupCodes,
  setupMfa,
} from '@roster/users';
import { z } from 'zod';
import { protectedProcedure, router } from '../trpc';

const Code = z
  .string()
  .trim()
  .min(1, { error: 'Enter a code from your authenticator app.' })
  .max(32, { error: 'That code is too long.' });

const PasswordAndCode = z.strictObject({ password: Password, code: Code });

export const mfaRouter = router({
  status: protectedProcedure.query(({ ctx }) => mfaStatus(ctx.services, ctx.user.id)),

  setup: protectedProcedure.mutation(({ ctx }) => setupMfa(ctx.services, ctx.user)),

  enable: protectedProcedure
    .input(z.strictObject({ code: Code, password: Password }))
    .mutation(({ ctx, input }) => enableMfa(ctx.services, ctx.user, ctx.meta, input)),

  disable: protectedProcedure.input(PasswordAndCode).mutation(async ({ ctx, input }) => {
    await disableMfa(ctx.services, ctx.user, ctx.meta, input);
    return { ok: true as const };
  }),

  regenerateBackupCodes: protectedProcedure
    .input(PasswordAndCode)
    .mutation(({ ctx, input }) => regenerateBackupCodes(ctx.services, ctx.user, ctx.meta, input)),
});
