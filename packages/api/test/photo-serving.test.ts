import fs from 'node:fs';
import path from 'node:path';
import { DIALECTS, solidImage } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server';
import { type Browser, createHarness, type Harness } from './harness';

describe.each(DIALECTS)('GET /api/photos/<name> on %s', (dialect) => {
  let h: Harness;
  let owner: Browser;
  let ownerId: number;
  let name: string;
  let server: ApiServer;

  beforeEach(async () => {
    h = await createHarness(dialect);
    server = await startApiServer(h.s);
    let user;
    ({ browser: owner, user } = await h.signedIn());
    ownerId = user.id;
    const data = new FormData();
    data.append('file', new File([new Uint8Array(await solidImage('png', 80, 80))], 'a.png'));
    const { photoUrl } = await owner.api.me.uploadPhoto(data);
    name = photoUrl.replace('/api/photos/', '');
  });
  afterEach(async () => {
    await server.close();
    await h.destroy();
  });

  const get = (photo: string, browser?: Browser) => {
    const cookie = browser ? [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
    return server.get(`/api/photos/${encodeURIComponent(photo)}`, {
      headers: cookie ? { cookie } : {},
    });
  };
  const expectHidden = async (response: Response) => {
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found.');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  };
  const allowPublic = (on: boolean) =>
    h.s.settings({ publicShareableLinks: on, publicShareableLinksUserInfo: on });

  it('serves the stored WebP to signed-in users with nosniff and a private cache', async () => {
    const { browser: someoneElse } = await h.signedIn();
    for (const viewer of [owner, someoneElse]) {
      const response = await get(name, viewer);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(fs.readFileSync(path.join(h.s.photosDir, name)))).toBe(true);
    }
  });

  it('hides it from anonymous visitors unless both public-sharing settings are on', async () => {
    await expectHidden(await get(name));
    await h.s.settings({ publicShareableLinks: true, publicShareableLinksUserInfo: false });
    await expectHidden(await get(name));
    await h.s.settings({ publicShareableLinks: false, publicShareableLinksUserInfo: true });
    await expectHidden(await get(name));
    await allowPublic(true);
    const response = await get(name);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('hides a deactivated user’s photo from the public', async () => {
    await allowPublic(true);
    await h.s.db.updateTable('users').set({ active: false }).where('id', '=', ownerId).execute();
    await expectHidden(await get(name));
  });

  it('treats a signed-out, revoked or forged session as anonymous', async () => {
    await owner.api.auth.logout();
    await expectHidden(await get(name, owner));
    owner.cookies.set('roster_session', 'x'.repeat(43));
    await expectHidden(await get(name, owner));
  });

  it('answers the same 404 for names that are not stored photos, and never reads them', async () => {
    const { browser: viewer } = await h.signedIn();
    fs.writeFileSync(path.join(h.s.photosDir, `${'b'.repeat(32)}.webp`), 'orphan');
    fs.writeFileSync(path.join(h.s.tempDir, 'secret.txt'), 'secret');
    for (const bad of [
      `${'b'.repeat(32)}.webp`, // a file, but nobody's photo
      `${'c'.repeat(32)}.webp`,
      '../secret.txt',
      '..%2Fsecret.txt',
      name.toUpperCase(),
      name.replace('.webp', '.png'),
      `.${name}.tmp`,
      '',
    ]) {
      await expectHidden(await get(bad, viewer));
    }
  });

  it('stops serving a photo once it is replaced or deleted', async () => {
    const { browser: viewer } = await h.signedIn();
    await owner.api.me.deletePhoto();
    await expectHidden(await get(name, viewer));
  });
});
