import { DIALECTS } from '@roster/users/testing';
import { getUserByUsername, mailText } from '@roster/users';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, createHarness, GOOD_PASSWORD, type Harness } from './harness';

const person = {
  name: 'Marie Curie',
  username: 'marie',
  email: 'marie@example.com',
  password: GOOD_PASSWORD,
};

describe.each(DIALECTS)('languages of accounts and emails on %s', (dialect) => {
  let h: Harness;
  let anyone: Browser;

  beforeEach(async () => {
    h = await createHarness(dialect);
    await h.createUser({
      accessType: 'admin',
      username: 'chef',
      email: 'chef@example.com',
      preferredLanguage: 'de',
    });
    await h.createUser({
      accessType: 'admin',
      username: 'boss',
      email: 'boss@example.com',
      preferredLanguage: 'cn',
    });
    anyone = h.browser();
    await h.s.settings({
      signupEnabled: true,
      signupRequireEmailVerification: true,
      signupRequireAdminApproval: true,
    });
  });
  afterEach(async () => {
    await h.destroy();
  });

  const mailTo = async (address: string) => {
    await h.s.settle();
    const mails = (await h.s.outbox()).filter((mail) => mail.to === address);
    expect(mails.length).toBeGreaterThan(0);
    return mails.at(-1) ?? { subject: '', text: '', html: '' };
  };

  it('a sign-up without a language records the language it was asked in and is mailed in it', async () => {
    anyone.language = 'fr';
    await anyone.api.auth.signup(person);
    expect((await getUserByUsername(h.s.db, 'marie'))?.preferredLanguage).toBe('fr');

    const mail = await mailTo(person.email);
    expect(mail.subject).toBe(mailText('fr', 'verifyEmail.subject'));
    expect(mail.subject).not.toBe(mailText('us', 'verifyEmail.subject'));
    expect(mail.text).toContain(mailText('fr', 'common.greeting', { name: person.name }));
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain(mailText('fr', 'verifyEmail.action'));
  });

  it('a language the sign-up names wins over the request’s', async () => {
    anyone.language = 'fr';
    await anyone.api.auth.signup({ ...person, preferredLanguage: 'sv' });
    expect((await getUserByUsername(h.s.db, 'marie'))?.preferredLanguage).toBe('sv');
    expect((await mailTo(person.email)).subject).toBe(mailText('sv', 'verifyEmail.subject'));
  });

  it('without a language anywhere, the account and its mail are in US English', async () => {
    await anyone.api.auth.signup(person);
    expect((await getUserByUsername(h.s.db, 'marie'))?.preferredLanguage).toBe('us');
    expect((await mailTo(person.email)).subject).toBe('Confirm your email address');
  });

  it('tells each admin about a sign-up in the admin’s own language', async () => {
    await h.s.settings({ signupRequireEmailVerification: false });
    anyone.language = 'es';
    await anyone.api.auth.signup(person);
    const german = await mailTo('chef@example.com');
    const chinese = await mailTo('boss@example.com');
    expect(german.subject).toBe(mailText('de', 'approvalNeeded.subject', { username: 'marie' }));
    expect(chinese.subject).toBe(mailText('cn', 'approvalNeeded.subject', { username: 'marie' }));
    expect(chinese.html).toContain('<html lang="zh-CN">');
  });

  it('sends a reset in the account’s language, whatever the language of the request', async () => {
    await h.createUser({ username: 'jan', email: 'jan@example.com', preferredLanguage: 'nl' });
    const stranger = h.browser('198.51.100.7');
    stranger.language = 'it';
    await stranger.api.auth.requestPasswordReset({ email: 'jan@example.com' });
    const mail = await mailTo('jan@example.com');
    expect(mail.subject).toBe(mailText('nl', 'passwordReset.subject'));
    expect(mail.html).toContain('<html lang="nl">');
    // Its link opens the reset page in Dutch too, on whatever device it is opened.
    const link = /https?:\/\/\S+\/reset-password\?\S+/.exec(mail.text)?.[0] ?? '';
    expect(new URL(link).searchParams.get('lang')).toBe('nl');
    expect(new URL(link).searchParams.get('token')).toBeTruthy();
  });
});
