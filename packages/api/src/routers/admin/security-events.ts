import { listSecurityEvents } from '@roster/users';
import { z } from 'zod';
import { adminProcedure, router } from '../../trpc';

/** Admins see everyone's security log (users see their own through `me.securityEvents`). */
export const adminSecurityEventsRouter = router({
  list: adminProcedure
    .input(
      z
        .strictObject({
          userId: z.number().int().min(1).optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) =>
      listSecurityEvents(ctx.services.db, {
        limit: input.limit,
        ...(input.userId === undefined ? {} : { userId: input.userId }),
      }),
    ),
});
