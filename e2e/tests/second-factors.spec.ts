import { generate } from 'otplib';
import { ADMIN } from '../support/env';
import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { mailText, pageText } from '../support/catalogues';
import { waitForMail } from '../support/mailbox';
import { openDialog, regularAccount } from '../support/session';
import { anonymousClient, signInPage } from '../support/sign-in';

const text = (key: string) => pageText('us', `admin.secondFactors.${key}`);

test('an admin resets the second factors of someone who lost their device', async ({
  page,
  admin,
}) => {
  const person = uniqueUser('lost');
  const created = await regularAccount(admin, person);
  // The person turns on two-factor authentication, then loses the phone.
  const client = await anonymousClient();
  try {
    await client.mutation('auth.login', { username: person.username, password: person.password });
    const setup = await client.mutation<{ secret: string }>('mfa.setup');
    await client.mutation('mfa.enable', {
      code: await generate({ secret: setup.secret }),
      password: person.password,
    });
  } finally {
    await client.dispose();
  }

  await signInPage(page, ADMIN.username, ADMIN.password);
  await page.goto(`/admin/users/${String(created.id)}`);
  const card = page.getByRole('region', { name: text('title') });
  await expect(card.getByText(text('totp'))).toBeVisible();
  await expectAccessible(page);
  const dialog = await openDialog(page, card.getByRole('button', { name: text('open') }));
  await dialog.getByLabel(text('reset.password')).fill(ADMIN.password);
  await dialog.getByRole('button', { name: text('reset.submit') }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(text('done').replace('{name}', person.name), { exact: false }),
  ).toBeVisible();
  await expect(card.getByRole('button', { name: text('open') })).toBeDisabled();
  await waitForMail(person.email, new RegExp(mailText('us', 'secondFactorsReset.subject')));

  // The password alone signs in again.
  const again = await anonymousClient();
  try {
    const result = await again.mutation<{ status: string }>('auth.login', {
      username: person.username,
      password: person.password,
    });
    expect(result.status).toBe('authenticated');
  } finally {
    await again.dispose();
  }
});
