import { getPhotoForViewer, type Services } from '@roster/users';
import { parse } from 'cookie';
import { cookieNames } from './cookies';

/** Headers on every answer: the browser must never guess a type from the bytes. */
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Serves `/api/photos/<name>`: to any signed-in user, or to anyone while the owner's profile is
 * public. Every refusal is the same 404, so the answer never tells whether a photo exists.
 */
export async function servePhoto(
  req: Request,
  name: string,
  options: { services: Services; secure: boolean },
): Promise<Response> {
  const cookies = parse(req.headers.get('cookie') ?? '');
  const token = cookies[cookieNames(options.secure).session];
  const photo = await getPhotoForViewer(options.services, name, token);
  if (!photo) {
    return new Response('Not found.', {
      status: 404,
      headers: {
        ...COMMON_HEADERS,
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      },
    });
  }
  return new Response(new Uint8Array(photo), {
    status: 200,
    headers: {
      ...COMMON_HEADERS,
      'content-type': 'image/webp',
      'content-length': String(photo.byteLength),
      // Never kept: after signing out, a browser must not show a photo it could no longer fetch.
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}
