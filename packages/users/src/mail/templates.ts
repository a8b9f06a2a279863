import type { MailMessage } from './outbox';

/** Every link in an email is built from APP_URL, never from a request's Host header. */
export function appLink(
  appUrl: URL,
  pathname: string,
  params: Record<string, string> = {},
): string {
  const url = new URL(pathname, appUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

interface Template {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

/** One layout for every email: a plain-text part and a simple HTML part saying the same. */
function render(template: Template): MailMessage {
  const textParts = [template.greeting, ...template.paragraphs];
  if (template.action) textParts.push(`${template.action.label}:\n${template.action.url}`);
  if (template.footer) textParts.push(template.footer);
  textParts.push('— Roster');

  const button = template.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(template.action.url)}" style="background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(template.action.label)}</a></p>
<p style="font-size:13px;color:#555">If the button does not work, copy this address into your browser:<br><span style="word-break:break-all">${escapeHtml(template.action.url)}</span></p>`
    : '';
  const html = `<!doctype html>
<html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2937;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<p>${escapeHtml(template.greeting)}</p>
${template.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${button}
${template.footer ? `<p style="font-size:13px;color:#555">${escapeHtml(template.footer)}</p>` : ''}
<p style="color:#6b7280">— Roster</p>
</body></html>`;

  return { to: template.to, subject: template.subject, text: textParts.join('\n\n'), html };
}

interface Person {
  name: string;
  email: string;
}

export function verifyEmailMail(person: Person, link: string, nextStep: string): MailMessage {
  return render({
    to: person.email,
    subject: 'Confirm your email address',
    greeting: `Hello ${person.name},`,
    paragraphs: ['Please confirm that this is your email address.', nextStep],
    action: { label: 'Confirm email address', url: link },
    footer:
      'The link works once and expires in 24 hours. If you did not sign up, ignore this email.',
  });
}

export function verifyNewEmailMail(person: Person, link: string): MailMessage {
  return render({
    to: person.email,
    subject: 'Confirm your new email address',
    greeting: `Hello ${person.name},`,
    paragraphs: ['You changed the email address of your account to this one. Please confirm it.'],
    action: { label: 'Confirm email address', url: link },
    footer: 'The link works once and expires in 24 hours.',
  });
}

export function confirmEmailChangeMail(person: Person, link: string): MailMessage {
  return render({
    to: person.email,
    subject: 'Confirm your new email address',
    greeting: `Hello ${person.name},`,
    paragraphs: [
      'You asked to use this address for your account. Your account keeps its current address until you confirm this one.',
    ],
    action: { label: 'Use this email address', url: link },
    footer:
      'The link works once and expires in 24 hours. If you did not ask for this, ignore this email.',
  });
}

export function emailChangeRequestedNoticeMail(
  person: Person,
  newEmail: string,
  loginLink: string,
): MailMessage {
  return render({
    to: person.email,
    subject: 'A change of your email address was asked for',
    greeting: `Hello ${person.name},`,
    paragraphs: [
      `Someone signed in to your account asked to change its email address to ${newEmail}. The address changes only once the link sent there is opened.`,
      'If you did not do this, sign in and change your password, or contact an administrator.',
    ],
    action: { label: 'Sign in', url: loginLink },
  });
}

export function emailChangedNoticeMail(
  person: Person,
  newEmail: string,
  loginLink: string,
): MailMessage {
  return render({
    to: person.email,
    subject: 'Your email address was changed',
    greeting: `Hello ${person.name},`,
    paragraphs: [
      `The email address of your account was changed to ${newEmail}.`,
      'If you did not do this, sign in and change your password, or contact an administrator.',
    ],
    action: { label: 'Sign in', url: loginLink },
  });
}

export function approvalNeededMail(
  admin: Person,
  applicant: { name: string; username: string; email: string },
  link: string,
): MailMessage {
  return render({
    to: admin.email,
    subject: `New sign-up waiting for approval: ${applicant.username}`,
    greeting: `Hello ${admin.name},`,
    paragraphs: [
      `${applicant.name} (${applicant.username}, ${applicant.email}) signed up and is waiting for an administrator to approve the account.`,
    ],
    action: { label: 'Review the sign-up', url: link },
  });
}

export function accountApprovedMail(person: Person, loginLink: string): MailMessage {
  return render({
    to: person.email,
    subject: 'Your account was approved',
    greeting: `Hello ${person.name},`,
    paragraphs: ['An administrator approved your account. You can sign in now.'],
    action: { label: 'Sign in', url: loginLink },
  });
}

export function signupRejectedMail(person: Person, reason: string | undefined): MailMessage {
  return render({
    to: person.email,
    subject: 'Your sign-up was not approved',
    greeting: `Hello ${person.name},`,
    paragraphs: [
      'An administrator did not approve your sign-up, and it has been deleted.',
      ...(reason ? [`Reason given: ${reason}`] : []),
    ],
  });
}

export function passwordResetMail(person: Person, link: string): MailMessage {
  return render({
    to: person.email,
    subject: 'Reset your password',
    greeting: `Hello ${person.name},`,
    paragraphs: [
      'Someone asked to reset the password of your account. If it was you, choose a new password.',
    ],
    action: { label: 'Choose a new password', url: link },
    footer:
      'The link works once and expires in 1 hour. If you did not ask for it, ignore this email: your password stays as it is.',
  });
}

export function passwordChangedMail(
  person: Person,
  loginLink: string,
  sessions: 'all_ended' | 'others_ended' | 'kept' = 'all_ended',
): MailMessage {
  const sessionNote = {
    all_ended: 'Every session of your account was signed out.',
    others_ended: 'Every other session of your account was signed out.',
    kept: 'Your other sessions stay signed in.',
  }[sessions];
  return render({
    to: person.email,
    subject: 'Your password was changed',
    greeting: `Hello ${person.name},`,
    paragraphs: [
      `The password of your account was just changed. ${sessionNote}`,
      'If you did not do this, reset your password at once and contact an administrator.',
    ],
    action: { label: 'Sign in', url: loginLink },
  });
}
