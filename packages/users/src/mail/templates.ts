import { LANGUAGE_TAGS, LINK_LANGUAGE_PARAM } from '../i18n/languages';
import type { Language } from '../schemas/enums';
import { type MailKey, type MailParams, mailText } from './catalogue';
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

/**
 * A link in an email opens its page in the email's language (`lang`), even in a browser that
 * asks for another one: the person reads both in the same words.
 */
function inLanguage(link: string, language: Language): string {
  const url = new URL(link);
  url.searchParams.set(LINK_LANGUAGE_PARAM, language);
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

/** Whoever an email goes to: it is written in their language. */
export interface Recipient {
  name: string;
  email: string;
  preferredLanguage: Language;
}

interface Template {
  subject: MailKey;
  paragraphs: MailKey[];
  action?: { label: MailKey; url: string };
  footer?: MailKey;
  params?: MailParams;
}

/**
 * One layout for every email, in the recipient's language: a plain-text part and a simple HTML
 * part saying the same, subject included.
 */
function render(to: Recipient, template: Template): MailMessage {
  const language = to.preferredLanguage;
  const params = { name: to.name, ...template.params };
  const t = (key: MailKey) => mailText(language, key, params);
  const greeting = t('common.greeting');
  const paragraphs = template.paragraphs.map(t);
  const footer = template.footer ? t(template.footer) : null;
  const signature = t('common.signature');
  const action = template.action
    ? { label: t(template.action.label), url: inLanguage(template.action.url, language) }
    : null;

  const textParts = [greeting, ...paragraphs];
  if (action) textParts.push(`${action.label}:\n${action.url}`);
  if (footer) textParts.push(footer);
  textParts.push(signature);

  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>
<p style="font-size:13px;color:#555">${escapeHtml(t('common.buttonFallback'))}<br><span style="word-break:break-all">${escapeHtml(action.url)}</span></p>`
    : '';
  const html = `<!doctype html>
<html lang="${LANGUAGE_TAGS[language]}"><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2937;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<p>${escapeHtml(greeting)}</p>
${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${button}
${footer ? `<p style="font-size:13px;color:#555">${escapeHtml(footer)}</p>` : ''}
<p style="color:#6b7280">${escapeHtml(signature)}</p>
</body></html>`;

  return { to: to.email, subject: t(template.subject), text: textParts.join('\n\n'), html };
}

export function verifyEmailMail(
  to: Recipient,
  link: string,
  next: 'approval' | 'sign_in',
): MailMessage {
  return render(to, {
    subject: 'verifyEmail.subject',
    paragraphs: [
      'verifyEmail.intro',
      next === 'approval' ? 'verifyEmail.nextStepApproval' : 'verifyEmail.nextStepSignIn',
    ],
    action: { label: 'verifyEmail.action', url: link },
    footer: 'verifyEmail.footer',
  });
}

export function verifyNewEmailMail(to: Recipient, link: string): MailMessage {
  return render(to, {
    subject: 'verifyNewEmail.subject',
    paragraphs: ['verifyNewEmail.intro'],
    action: { label: 'verifyNewEmail.action', url: link },
    footer: 'verifyNewEmail.footer',
  });
}

export function confirmEmailChangeMail(to: Recipient, link: string): MailMessage {
  return render(to, {
    subject: 'confirmEmailChange.subject',
    paragraphs: ['confirmEmailChange.intro'],
    action: { label: 'confirmEmailChange.action', url: link },
    footer: 'confirmEmailChange.footer',
  });
}

export function emailChangeRequestedNoticeMail(
  to: Recipient,
  newEmail: string,
  loginLink: string,
): MailMessage {
  return render(to, {
    subject: 'emailChangeRequested.subject',
    paragraphs: ['emailChangeRequested.intro', 'emailChangeRequested.warning'],
    action: { label: 'common.signIn', url: loginLink },
    params: { newEmail },
  });
}

export function emailChangedNoticeMail(
  to: Recipient,
  newEmail: string,
  loginLink: string,
): MailMessage {
  return render(to, {
    subject: 'emailChanged.subject',
    paragraphs: ['emailChanged.intro', 'emailChanged.warning'],
    action: { label: 'common.signIn', url: loginLink },
    params: { newEmail },
  });
}

export function approvalNeededMail(
  admin: Recipient,
  applicant: { name: string; username: string; email: string },
  link: string,
): MailMessage {
  return render(admin, {
    subject: 'approvalNeeded.subject',
    paragraphs: ['approvalNeeded.intro'],
    action: { label: 'approvalNeeded.action', url: link },
    params: {
      applicantName: applicant.name,
      username: applicant.username,
      applicantEmail: applicant.email,
    },
  });
}

export function accountApprovedMail(to: Recipient, loginLink: string): MailMessage {
  return render(to, {
    subject: 'accountApproved.subject',
    paragraphs: ['accountApproved.intro'],
    action: { label: 'common.signIn', url: loginLink },
  });
}

export function signupRejectedMail(to: Recipient, reason: string | undefined): MailMessage {
  return render(to, {
    subject: 'signupRejected.subject',
    paragraphs: ['signupRejected.intro', ...(reason ? (['signupRejected.reason'] as const) : [])],
    params: { reason: reason ?? '' },
  });
}

export function passwordResetMail(to: Recipient, link: string): MailMessage {
  return render(to, {
    subject: 'passwordReset.subject',
    paragraphs: ['passwordReset.intro'],
    action: { label: 'passwordReset.action', url: link },
    footer: 'passwordReset.footer',
  });
}

export function secondFactorsResetMail(to: Recipient, loginLink: string): MailMessage {
  return render(to, {
    subject: 'secondFactorsReset.subject',
    paragraphs: ['secondFactorsReset.intro', 'secondFactorsReset.next'],
    action: { label: 'common.signIn', url: loginLink },
    footer: 'secondFactorsReset.warning',
  });
}

export function passwordChangedMail(
  to: Recipient,
  loginLink: string,
  sessions: 'all_ended' | 'others_ended' | 'kept' = 'all_ended',
): MailMessage {
  return render(to, {
    subject: 'passwordChanged.subject',
    paragraphs: ['passwordChanged.intro', 'passwordChanged.warning'],
    action: { label: 'common.signIn', url: loginLink },
    params: { sessions },
  });
}

export function accountDeletedMail(to: Recipient, username: string): MailMessage {
  return render(to, {
    subject: 'accountDeleted.subject',
    paragraphs: ['accountDeleted.intro'],
    footer: 'accountDeleted.warning',
    params: { username },
  });
}
