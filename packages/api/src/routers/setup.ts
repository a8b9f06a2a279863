import { completeSetup, isSetupPending, UsersBaseFields, Password } from '@roster/users';
import { z } from 'zod';
import { startSessionCookie } from '../session-cookies';
import { publicProcedure, router } from '../trpc';

const SetupInput = z.strictObject({
  code: z.string().trim().min(1, { error: 'Enter the setup code.' }).max(64),
  name: UsersBaseFields.name,
  username: UsersBaseFields.username,
  email: UsersBaseFields.email,
  password: Password,
});

/** Creating the first administrator with the one-time code the server printed. */
export const setupRouter = router({
  status: publicProcedure.query(async ({ ctx }) => ({
    pending: await isSetupPending(ctx.services),
  })),

  createAdmin: publicProcedure.input(SetupInput).mutation(async ({ ctx, input }) => {
    const { user, session } = await completeSetup(ctx.services, ctx.meta, {
      ...input,
      city: null,
      birthdate: null,
      preferredLanguage: 'us',
      gender: 'unspecified',
      units: 'metric',
      height: null,
      maxHeartRate: null,
      firstDayOfWeek: 'monday',
      currency: 'euro',
      accessType: 'admin',
      active: true,
      emailVerified: true,
      pendingAdminApproval: false,
    });
    await startSessionCookie(ctx, session);
    return { status: 'authenticated' as const, user };
  }),
});
