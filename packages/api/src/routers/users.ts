import { getPublicProfile } from '@roster/users';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc';

const PublicProfileInput = z.strictObject({
  // Any string is looked up: a name that cannot exist is simply not found.
  username: z
    .string({ error: 'Username is required.' })
    .trim()
    .min(1, { error: 'Username is required.' })
    .max(250, { error: 'Username must be at most 250 characters.' }),
});

export const usersRouter = router({
  publicProfile: publicProcedure
    .input(PublicProfileInput)
    .query(({ ctx, input }) => getPublicProfile(ctx.services.db, input.username)),
});
