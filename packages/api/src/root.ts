import { adminUsersRouter } from './routers/admin/users';
import { authRouter } from './routers/auth';
import { meRouter } from './routers/me';
import { serverSettingsRouter } from './routers/server-settings';
import { setupRouter } from './routers/setup';
import { router } from './trpc';

export const appRouter = router({
  admin: router({ users: adminUsersRouter }),
  auth: authRouter,
  me: meRouter,
  serverSettings: serverSettingsRouter,
  setup: setupRouter,
});

export type AppRouter = typeof appRouter;
