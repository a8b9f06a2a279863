import type { RosterCode } from '@roster/users/schemas';
import { TRPCClientError } from '@trpc/client';

export interface FormErrors {
  /** Messages to show next to the fields they are about. */
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
  zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null;
}

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/**
 * Turns a failed call into messages placed next to the field that caused them: the field the
 * server named gets its message, and every other field its input check refused gets its own.
 */
export function toFormErrors(error: unknown): FormErrors {
  if (!(error instanceof TRPCClientError)) {
    return { fields: {}, form: UNREACHABLE, retryAfterSeconds: null };
  }
  const data = (error.data ?? {}) as ErrorData;
  const fields: Record<string, string> = {};
  if (data.field) fields[data.field] = error.message;
  for (const [name, messages] of Object.entries(data.zodError?.fieldErrors ?? {})) {
    // `fieldErrors` is keyed by the top-level name only: `stepUp` when `field` says `stepUp.password`.
    const named = data.field === name || data.field?.startsWith(`${name}.`) === true;
    const first = messages?.[0];
    if (!named && first !== undefined) fields[name] ??= first;
  }
  return {
    fields,
    form: data.field ? null : error.message,
    retryAfterSeconds: data.retryAfterSeconds ?? null,
  };
}

/** What to tell a person about a failed call that no form owns: a page's data, a link opened. */
export function errorMessage(error: unknown): string {
  return error instanceof TRPCClientError ? error.message : UNREACHABLE;
}

/** The stable code of a failed call (docs/api.md): what the app branches on, never the message. */
export function rosterCode(error: unknown): RosterCode | undefined {
  return error instanceof TRPCClientError
    ? (error.data as ErrorData | undefined)?.rosterCode
    : undefined;
}

/** A fact the server attached to an error (`error.data.details`). */
export function errorDetail(error: unknown, key: string): string | number | boolean | undefined {
  return error instanceof TRPCClientError
    ? (error.data as ErrorData | undefined)?.details?.[key]
    : undefined;
}

/** Client-side check with the shared zod schema, in the same shape as server errors. */
export function zodIssuesToFields(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    fields[key] ??= issue.message;
  }
  return fields;
}
