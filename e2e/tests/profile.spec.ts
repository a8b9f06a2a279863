import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { linkIn, waitForMail } from '../support/mailbox';
import { signInAs } from '../support/session';

test.describe('profile and privacy settings', () => {
  test.beforeEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', {
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
  });

  test('a person edits every profile field and sees it all after a reload', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('edit');
    await admin.mutation('auth.signup', { ...person });
    await signInAs(page, person);

    await page.goto('/settings/profile');
    await expect(page.getByRole('heading', { name: 'Profile', exact: true })).toBeVisible();
    await expect(page.getByTestId('current-email')).toHaveText(person.email);
    await expectAccessible(page);

    const newName = `${person.name} Edited`;
    await page.getByLabel('Full name').fill(newName);
    await page.getByLabel('City').fill('Lisbon');
    await page.getByLabel('Date of birth').fill('1990-04-15');
    await page.getByLabel('Gender').selectOption({ label: 'Female' });
    // The language is left as it is: changing it switches the page (languages.spec.ts).
    await page.getByLabel('Height').fill('170');
    // Imperial units show the height just entered in feet and inches.
    await page.getByLabel('Units').selectOption('imperial');
    await expect(page.getByLabel('Feet')).toHaveValue('5');
    await expect(page.getByLabel('Inches')).toHaveValue('7');
    await page.getByLabel('Inches').fill('8');
    await page.getByLabel('Maximum heart rate').fill('185');
    await page.getByLabel('First day of the week').selectOption({ label: 'Sunday' });
    await page.getByLabel('Currency').selectOption({ label: 'Pound sterling (£)' });
    await page.getByRole('button', { name: 'Save profile' }).click();

    await expect(page.getByText('Your profile was saved.')).toBeVisible();
    await expect(page.getByTestId('header-user-name')).toHaveText(newName);
    await expectAccessible(page);

    await page.reload();
    await expect(page.getByTestId('header-user-name')).toHaveText(newName);
    await expect(page.getByLabel('Full name')).toHaveValue(newName);
    await expect(page.getByLabel('City')).toHaveValue('Lisbon');
    await expect(page.getByLabel('Date of birth')).toHaveValue('1990-04-15');
    await expect(page.getByLabel('Gender')).toHaveValue('female');
    await expect(page.getByLabel('Language')).toHaveValue('us');
    await expect(page.getByLabel('Units')).toHaveValue('imperial');
    await expect(page.getByLabel('Feet')).toHaveValue('5');
    await expect(page.getByLabel('Inches')).toHaveValue('8');
    await expect(page.getByLabel('Maximum heart rate')).toHaveValue('185');
    await expect(page.getByLabel('First day of the week')).toHaveValue('sunday');
    await expect(page.getByLabel('Currency')).toHaveValue('pound');
    // 5 ft 8 in was stored as whole centimetres.
    await page.getByLabel('Units').selectOption('metric');
    await expect(page.getByLabel('Height')).toHaveValue('173');
  });

  test('mistakes are explained beside their fields, and a taken username is refused', async ({
    page,
    admin,
  }) => {
    const taken = uniqueUser('taken');
    await admin.mutation('auth.signup', { ...taken });
    const person = uniqueUser('oops');
    await admin.mutation('auth.signup', { ...person });
    await signInAs(page, person);
    await page.goto('/settings/profile');

    await page.getByLabel('Full name').fill('');
    await page.getByLabel('Height').fill('400');
    await page.getByLabel('Maximum heart rate').fill('fast');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Name is required.')).toBeVisible();
    await expect(page.getByText('Height must be between 1 and 300 cm.')).toBeVisible();
    await expect(page.getByText('Maximum heart rate must be a whole number.')).toBeVisible();
    await expect(page.getByLabel('Full name')).toHaveAttribute('aria-invalid', 'true');
    // Focus goes to the first field to fix.
    await expect(page.getByLabel('Full name')).toBeFocused();
    await expectAccessible(page);

    await page.getByLabel('Full name').fill(person.name);
    await page.getByLabel('Height').fill('');
    await page.getByLabel('Maximum heart rate').fill('');
    await page.getByLabel('Username').fill(taken.username.toUpperCase());
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('This username is already taken.')).toBeVisible();
    await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Your profile was saved.')).toHaveCount(0);
  });

  test('changing the email asks for the password, and the new address counts once confirmed', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('move');
    await admin.mutation('auth.signup', { ...person });
    await admin.mutation('serverSettings.update', { signupRequireEmailVerification: true });
    await signInAs(page, person);
    await page.goto('/settings/profile');

    const newEmail = `new.${person.email}`;
    await page.getByRole('button', { name: 'Change email' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change your email address' });
    await expect(dialog.getByLabel('New email address')).toBeFocused();
    await expectAccessible(page);
    await dialog.getByLabel('New email address').fill(newEmail);
    await dialog.getByLabel('Current password').fill('Not-my-password-1');
    await dialog.getByRole('button', { name: 'Change email' }).click();
    await expect(dialog.getByText('Your password is not right.')).toBeVisible();
    await expect(dialog.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

    await dialog.getByLabel('Current password').fill(person.password);
    await dialog.getByRole('button', { name: 'Change email' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`We sent a link to ${newEmail}.`)).toBeVisible();
    // Until the link is opened, the account keeps its address.
    await expect(page.getByTestId('current-email')).toHaveText(person.email);

    const notice = await waitForMail(person.email, /A change of your email address was asked for/);
    expect(notice.text).toContain(newEmail);
    const confirm = await waitForMail(newEmail, /Confirm your new email address/);
    await page.goto(linkIn(confirm, '/confirm-email'));
    await expect(page.getByText('Your account now uses this email address.')).toBeVisible();
    await expectAccessible(page);

    await page.goto('/settings/profile');
    await expect(page.getByTestId('current-email')).toHaveText(newEmail);
    await expect(page.getByText('Confirmed', { exact: true })).toBeVisible();
  });

  test('privacy settings are grouped, explained, saved and kept', async ({ page, admin }) => {
    const person = uniqueUser('private');
    await admin.mutation('auth.signup', { ...person });
    await signInAs(page, person);
    await page.goto('/settings/profile');
    await page
      .getByRole('navigation', { name: 'Account settings' })
      .getByRole('link', { name: 'Privacy' })
      .click();
    await expect(page).toHaveURL(/\/settings\/privacy$/);
    await expect(page.getByRole('heading', { name: 'Privacy', exact: true })).toBeVisible();
    for (const group of [
      'When and where',
      'Body and effort',
      'Performance',
      'Workout and equipment',
    ]) {
      await expect(page.getByRole('group', { name: group })).toBeVisible();
    }
    await expect(page.getByRole('checkbox')).toHaveCount(12);
    await expectAccessible(page);

    await page.getByLabel('Default visibility of new activities').selectOption('followers');
    await page.getByLabel('Hide the map').check();
    await page.getByLabel('Hide heart rate').check();
    await page.getByLabel('Hide gear').check();
    await page.getByRole('button', { name: 'Save privacy settings' }).click();
    await expect(page.getByText('Your privacy settings were saved.')).toBeVisible();

    await page.reload();
    await expect(page.getByLabel('Default visibility of new activities')).toHaveValue('followers');
    await expect(page.getByLabel('Hide the map')).toBeChecked();
    await expect(page.getByLabel('Hide heart rate')).toBeChecked();
    await expect(page.getByLabel('Hide gear')).toBeChecked();
    await expect(page.getByLabel('Hide the start time')).not.toBeChecked();
  });
});
