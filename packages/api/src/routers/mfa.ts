import {
  disableMfa,
  enableMfa,
  MfaEnableInput,
  MfaPasswordAndCode,
  mfaStatus,
  regenerateBackupCodes,
  setupMfa,
} from '@roster/users';
import { protectedProcedure, router } from '../trpc';

export const mfaRouter = router({
  status: protectedProcedure.query(({ ctx }) => mfaStatus(ctx.services, ctx.user.id)),

  setup: protectedProcedure.mutation(({ ctx }) => setupMfa(ctx.services, ctx.user)),

  enable: protectedProcedure
    .input(MfaEnableInput)
    .mutation(({ ctx, input }) => enableMfa(ctx.services, ctx.user, ctx.meta, input)),

  disable: protectedProcedure.input(MfaPasswordAndCode).mutation(async ({ ctx, input }) => {
    await disableMfa(ctx.services, ctx.user, ctx.meta, input);
    return { ok: true as const };
  }),

  regenerateBackupCodes: protectedProcedure
    .input(MfaPasswordAndCode)
    .mutation(({ ctx, input }) => regenerateBackupCodes(ctx.services, ctx.user, ctx.meta, input)),
});
