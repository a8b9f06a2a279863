import { handleTrpcRequest } from '@roster/api/http';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

function handler(req: Request): Promise<Response> {
  const runtime = getRuntime();
  return handleTrpcRequest(req, {
    services: runtime.services,
    secure: runtime.config.secure,
    onInternalError: (error, path) => {
      runtime.services.logger.error(
        `tRPC ${path ?? '?'} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    },
  });
}

export { handler as GET, handler as POST };
