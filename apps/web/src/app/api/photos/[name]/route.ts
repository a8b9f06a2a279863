import { servePhoto } from '@roster/api/http';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const runtime = getRuntime();
  return servePhoto(req, name, { services: runtime.services, secure: runtime.config.secure });
}
