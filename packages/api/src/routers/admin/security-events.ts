import { listSecurityEvents, SecurityEvent, SecurityEventsListInput } from '@roster/users';
import { z } from 'zod';
import { adminProcedure, router } from '../../trpc';

/** Admins see everyone's security log (users see their own through `me.securityEvents`). */
export const adminSecurityEventsRouter = router({
  list: adminProcedure
    .meta({ summary: 'Everyone’s security log, or one user’s, newest first.' })
    .input(SecurityEventsListInput)
    .output(z.array(SecurityEvent))
    .query(({ ctx, input }) => listSecurityEvents(ctx.services.db, input)),
});
