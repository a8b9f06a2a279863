import {
  Authenticated,
  completeSetup,
  isSetupPending,
  SetupInput,
  SetupStatus,
} from '@roster/users';
import { startSessionCookie } from '../session-cookies';
import { publicProcedure, router } from '../trpc';

/** Creating the first administrator with the one-time code the server printed. */
export const setupRouter = router({
  status: publicProcedure
    .meta({ scope: 'public', summary: 'Whether `/setup` can create the first administrator now.' })
    .output(SetupStatus)
    .query(async ({ ctx }) => ({ pending: await isSetupPending(ctx.services) })),

  createAdmin: publicProcedure
    .meta({
      summary:
        'Creates the first administrator with the one-time code the server printed, and signs them in.',
      errors: ['WRONG_CODE', 'SETUP_DONE', 'PASSWORD_POLICY', 'ACCOUNT_LOCKED', 'RATE_LIMITED'],
    })
    .input(SetupInput)
    .output(Authenticated)
    .mutation(async ({ ctx, input }) => {
      const { user, session } = await completeSetup(ctx.services, ctx.meta, input);
      await startSessionCookie(ctx, session);
      return { status: 'authenticated' as const, user };
    }),
});
