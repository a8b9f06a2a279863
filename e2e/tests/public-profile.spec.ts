import { BASE_URL } from '../support/env';
import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { pngImage } from '../support/images';

const PUBLIC_OFF = { publicShareableLinks: false, publicShareableLinksUserInfo: false };

test.describe('public profile', () => {
  test.beforeEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', {
      ...PUBLIC_OFF,
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
  });

  test('appears only once the admin allows it, with name, city and photo only', async ({
    page,
    admin,
    playwright,
  }) => {
    const person = uniqueUser('pub');
    await admin.mutation('auth.signup', { ...person, city: 'Porto', height: 181 });
    // The person signs in elsewhere and sets a photo; the page below stays an anonymous visitor.
    const own = await playwright.request.newContext({ baseURL: BASE_URL });
    await own.post('/api/trpc/auth.login', {
      data: { username: person.username, password: person.password },
    });
    const uploaded = await own.post('/api/trpc/me.uploadPhoto', {
      multipart: {
        file: { name: 'me.png', mimeType: 'image/png', buffer: pngImage(200, 200, [200, 90, 40]) },
      },
    });
    expect(uploaded.status()).toBe(200);
    const { photoUrl } = ((await uploaded.json()) as { result: { data: { photoUrl: string } } })
      .result.data;
    await own.dispose();

    try {
      await page.goto(`/u/${person.username}`);
      await expect(page.getByRole('heading', { name: 'Profile not found' })).toBeVisible();
      await expectAccessible(page);
      expect((await page.request.get(photoUrl)).status()).toBe(404);

      // One of the two settings is not enough.
      await admin.mutation('serverSettings.update', { publicShareableLinks: true });
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Profile not found' })).toBeVisible();

      await admin.mutation('serverSettings.update', { publicShareableLinksUserInfo: true });
      await page.reload();
      await expect(page.getByRole('heading', { name: person.name })).toBeVisible();
      await expect(page.getByText(`@${person.username}`)).toBeVisible();
      await expect(page.getByText('Porto')).toBeVisible();
      const photo = page.getByRole('img', { name: `Photo of ${person.name}` });
      await expect(photo).toHaveAttribute('src', photoUrl);
      await expect
        .poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(0);
      // Nothing else about the person: no email, no height.
      await expect(page.getByText(person.email)).toHaveCount(0);
      await expect(page.getByText('181')).toHaveCount(0);
      await expectAccessible(page);

      await admin.mutation('serverSettings.update', { publicShareableLinks: false });
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Profile not found' })).toBeVisible();
      expect((await page.request.get(photoUrl)).status()).toBe(404);
    } finally {
      await admin.mutation('serverSettings.update', PUBLIC_OFF);
    }
  });
});
