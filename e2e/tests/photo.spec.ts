import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { pngImage } from '../support/images';
import { signInAs } from '../support/session';

test.describe('profile photo', () => {
  test.beforeEach(async ({ admin, page }) => {
    await admin.mutation('serverSettings.update', {
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
    const person = uniqueUser('photo');
    await admin.mutation('auth.signup', { ...person });
    await signInAs(page, person);
    await page.goto('/settings/profile');
  });

  test('a person previews a photo, uploads it and sees it in the header', async ({ page }) => {
    const header = page.locator('header');
    await expect(header.getByRole('img')).toHaveCount(0);

    await page.getByLabel('Choose a photo').setInputFiles({
      name: 'me.png',
      mimeType: 'image/png',
      buffer: pngImage(640, 480, [30, 120, 200]),
    });
    await expect(page.getByRole('img', { name: 'Preview of the chosen photo' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await expect(page.getByText('Your new photo is saved.')).toBeVisible();

    const headerPhoto = header.getByRole('img', { name: /^Photo of / });
    await expect(headerPhoto).toBeVisible();
    // The image really loaded from the signed-in photo route.
    await expect
      .poll(() => headerPhoto.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    const src = await headerPhoto.getAttribute('src');
    expect(src).toMatch(/^\/api\/photos\/[a-f0-9]{32}\.webp$/);
    const served = await page.request.get(src ?? '');
    expect(served.headers()['content-type']).toBe('image/webp');
    expect(served.headers()['x-content-type-options']).toBe('nosniff');

    await page.reload();
    await expect(header.getByRole('img', { name: /^Photo of / })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Remove photo' }).click();
    await expect(page.getByText('Your photo was removed.')).toBeVisible();
    await expect(header.getByRole('img')).toHaveCount(0);
    expect((await page.request.get(src ?? '')).status()).toBe(404);
  });

  test('a refused file shows why, next to the file input', async ({ page }) => {
    const input = page.getByLabel('Choose a photo');

    // Checked in the browser before sending: the bytes, not the name.
    await input.setInputFiles({
      name: 'holiday.png',
      mimeType: 'image/png',
      buffer: Buffer.from('this is a text file with a picture’s name\n'),
    });
    await expect(page.getByText('This file is not a PNG, JPEG or WebP image.')).toBeVisible();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('button', { name: 'Upload photo' })).toHaveCount(0);

    // Refused by the server: a real PNG that is too large in pixels.
    await input.setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: pngImage(5000, 5000, [255, 255, 255]),
    });
    await expect(page.getByText('This file is not a PNG')).toHaveCount(0);
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await expect(
      page.getByText('This image is larger than 4096 × 4096 pixels. Choose a smaller one.'),
    ).toBeVisible();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await expect(page.locator('header').getByRole('img')).toHaveCount(0);
  });

  test('the server refuses a file over 5 MB with 413 before taking it all', async ({ page }) => {
    const big = Buffer.alloc(6 * 1024 * 1024, 0x41);
    pngImage(8, 8, [0, 0, 0]).copy(big);
    const response = await page.request.post('/api/trpc/me.uploadPhoto', {
      multipart: { file: { name: 'big.png', mimeType: 'image/png', buffer: big } },
    });
    expect(response.status()).toBe(413);
    const body = (await response.json()) as {
      error: { message: string; data: { code: string; field: string } };
    };
    expect(body.error.message).toBe('This file is larger than 5 MB. Choose a smaller photo.');
    expect(body.error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file' });

    // The same words in the form, before anything is sent.
    await page.getByLabel('Choose a photo').setInputFiles({
      name: 'big.png',
      mimeType: 'image/png',
      buffer: big,
    });
    await expect(
      page.getByText('This file is larger than 5 MB. Choose a smaller photo.'),
    ).toBeVisible();
  });
});
