// A bare Next route handler doing the same session lookup as the bare Node server.
import { createLookup } from '../../../lookup';

export const dynamic = 'force-dynamic';

// Opened on the first request: the build evaluates this module without a database.
let lookup: ReturnType<typeof createLookup> | undefined;

export function GET(request: Request): Response {
  lookup ??= createLookup(process.env.BARE_DATABASE ?? '');
  const body = lookup(request.headers.get('cookie'));
  return new Response(body ?? '{}', {
    status: body ? 200 : 401,
    headers: { 'content-type': 'application/json' },
  });
}
