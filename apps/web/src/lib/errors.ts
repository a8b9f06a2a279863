'use client';

import {
  issueFacts,
  ROSTER_CODE_LIST,
  type IssueFacts,
  type PasswordShortfall,
  type RosterCode,
} from '@roster/users/schemas';
import { TRPCClientError } from '@trpc/client';
import { useFormatter, useTranslations, type createFormatter } from 'next-intl';
import { useMemo } from 'react';
import type { core } from 'zod';

export interface FormErrors {
  /** Messages to show next to the fields they are about, by field path. */
  fields: Record<string, string>;
  /** A message about the whole form (shown above the button). */
  form: string | null;
  retryAfterSeconds: number | null;
}

interface ErrorData {
  code?: string;
  rosterCode?: RosterCode;
  field?: string | null;
  retryAfterSeconds?: number | null;
  details?: Record<string, string | number | boolean> | null;
  issues?: IssueFacts[] | null;
}

function dataOf(error: unknown): ErrorData | undefined {
  return error instanceof TRPCClientError ? (error.data as ErrorData | undefined) : undefined;
}

/** The stable code of a failed call (docs/api.md): what the app branches on, never the message. */
export function rosterCode(error: unknown): RosterCode | undefined {
  return dataOf(error)?.rosterCode;
}

/** A fact the server attached to an error (`error.data.details`). */
export function errorDetail(error: unknown, key: string): string | number | boolean | undefined {
  return dataOf(error)?.details?.[key];
}

const KNOWN_CODES = new Set<string>(ROSTER_CODE_LIST);
const SHORTFALLS = new Set<string>(['length', 'uppercase', 'lowercase', 'digit', 'symbol']);

/** Words every failure in the page language: by its `rosterCode` and facts, never its English. */
export interface ErrorText {
  /** Messages by field and for the form, from a failed call. */
  formErrors: (
    error: unknown,
    labels?: Readonly<Record<string, string>>,
    messages?: Partial<Readonly<Record<RosterCode, string>>>,
  ) => FormErrors;
  /** One sentence for a failure that no form owns (a page's data, a link opened). */
  message: (error: unknown) => string;
  /** The browser's own check, in the same shape as the server's. */
  issues: (
    issues: readonly core.$ZodIssue[],
    labels?: Readonly<Record<string, string>>,
  ) => Record<string, string>;
}

/**
 * The `errors` catalogue as this module reads it. Its keys are composed from codes and field
 * names, so they are checked by the catalogue test (every code, every field) instead of by type.
 */
export interface ErrorTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has: (key: string) => boolean;
}

type Formatter = Pick<ReturnType<typeof createFormatter>, 'list' | 'relativeTime'>;

/** The page's error wording. */
export function useErrorText(): ErrorText {
  const t = useTranslations('errors') as unknown as ErrorTranslator;
  const format = useFormatter();
  return useMemo(() => errorText(t, format), [t, format]);
}

/** Error wording over a translator of the `errors` catalogue (the hook's, or a test's). */
export function errorText(t: ErrorTranslator, format: Formatter): ErrorText {
  const label = (path: string, labels?: Readonly<Record<string, string>>): string => {
    const own = labels?.[path];
    if (own) return own;
    const name = path.split('.').at(-1) ?? '';
    return name && t.has(`fields.${name}`) ? t(`fields.${name}`) : t('fields.fallback');
  };

  const issueMessage = (issue: IssueFacts, labels?: Readonly<Record<string, string>>): string => {
    const field = label(issue.path, labels);
    const name = issue.path.split('.').at(-1) ?? '';
    const text = issue.origin === 'string' || issue.origin === 'array';
    // A number with two bounds says both, in the field's own words ("between 1 and 300 cm").
    const range = `ranges.${name}`;
    if ((issue.code === 'too_small' || issue.code === 'too_big') && !text && t.has(range)) {
      return t(range);
    }
    switch (issue.code) {
      case 'too_small':
        if (text && (issue.minimum ?? 0) <= 1) return t('issues.required', { field });
        return text
          ? t('issues.tooShort', { field, minimum: issue.minimum ?? 0 })
          : t('issues.tooSmall', { field, minimum: issue.minimum ?? 0 });
      case 'too_big':
        return text
          ? t('issues.tooLong', { field, maximum: issue.maximum ?? 0 })
          : t('issues.tooBig', { field, maximum: issue.maximum ?? 0 });
      case 'invalid_type':
        if (issue.expected === 'int') return t('issues.notInteger', { field });
        if (issue.expected === 'number') return t('issues.notNumber', { field });
        return t('issues.required', { field });
      case 'invalid_format':
        if (issue.format === 'email') return t('issues.email');
        if (t.has(`formats.${name}`)) return t(`formats.${name}`);
        return t('issues.format', { field });
      case 'invalid_value':
        return t('issues.choice', { field });
      case 'unrecognized_keys':
        return t('issues.unknownField', { field: (issue.keys ?? []).join(', ') });
      default:
        if (t.has(`custom.${name}`)) return t(`custom.${name}`);
        return t('issues.invalid', { field });
    }
  };

  const policyMessage = (details: ErrorData['details']): string => {
    const min = Number(details?.minLength ?? 0);
    const missing = String(details?.missing ?? '')
      .split(',')
      .filter((item): item is PasswordShortfall => SHORTFALLS.has(item));
    if (missing.length === 0) return t('codes.PASSWORD_POLICY');
    return t('policy.needs', {
      list: format.list(missing.map((item) => t(`policy.${item}`, { min }))),
    });
  };

  const codeMessage = (data: ErrorData): string | null => {
    const code = data.rosterCode;
    if (!code || !KNOWN_CODES.has(code)) return null;
    const field = data.field ?? '';
    // The server names the missing part (`password`, `code`, `sign_in`); older answers only the field.
    const named = data.details?.part;
    const part = typeof named === 'string' ? named : /code$/i.test(field) ? 'code' : 'password';
    let text: string;
    switch (code) {
      case 'PASSWORD_POLICY':
        text = policyMessage(data.details);
        break;
      case 'LAST_ADMIN':
        text = t('codes.LAST_ADMIN', { action: String(data.details?.action ?? 'other') });
        break;
      case 'API_KEY_LIMIT':
      case 'PASSKEY_LIMIT':
        text = t(`codes.${code}`, { max: Number(data.details?.max ?? 0) });
        break;
      case 'WRONG_CODE':
        text = t('codes.WRONG_CODE', { ended: String(data.details?.signInEnded === true) });
        break;
      case 'STEP_UP_REQUIRED':
      case 'STEP_UP_FAILED':
        text = t(`codes.${code}`, { part });
        break;
      default:
        text = t(`codes.${code}`);
    }
    if (data.retryAfterSeconds) {
      const now = Date.now();
      const when = format.relativeTime(now + data.retryAfterSeconds * 1000, now);
      // Full-width punctuation (Chinese) carries its own space; other scripts need one.
      const separator = /[。！？]$/u.test(text) ? '' : ' ';
      text = `${text}${separator}${t('retryIn', { when })}`;
    }
    return text;
  };

  const formErrors: ErrorText['formErrors'] = (error, labels, messages) => {
    if (!(error instanceof TRPCClientError)) {
      return { fields: {}, form: t('unreachable'), retryAfterSeconds: null };
    }
    const data = (error.data ?? {}) as ErrorData;
    const fields: Record<string, string> = {};
    for (const issue of data.issues ?? []) {
      if (issue.path) fields[issue.path] ??= issueMessage(issue, labels);
    }
    const first = data.issues?.[0];
    // Invalid input is said by its field; a domain refusal by its code.
    const own = data.rosterCode ? messages?.[data.rosterCode] : undefined;
    const message =
      own ??
      (first && data.rosterCode === 'INVALID_INPUT' ? issueMessage(first, labels) : null) ??
      codeMessage(data) ??
      // A code newer than this page: the server's own (English) words.
      error.message;
    if (data.field) fields[data.field] ??= message;
    return {
      fields,
      form: data.field ? null : message,
      retryAfterSeconds: data.retryAfterSeconds ?? null,
    };
  };

  return {
    formErrors,
    message: (error) => {
      const { fields, form } = formErrors(error);
      return form ?? Object.values(fields)[0] ?? t('unknown');
    },
    issues: (issues, labels) => {
      const fields: Record<string, string> = {};
      for (const issue of issues) {
        const facts = issueFacts(issue);
        fields[facts.path] ??= issueMessage(facts, labels);
      }
      return fields;
    },
  };
}
