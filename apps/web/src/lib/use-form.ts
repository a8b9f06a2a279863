'use client';

import type { RosterCode } from '@roster/users/schemas';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { z } from 'zod';
import { rosterCode, useErrorText } from './errors';

/** What the hook needs of a tRPC mutation (`trpc.x.useMutation()`). */
export interface FormMutation<TInput, TResult> {
  mutateAsync: (input: TInput) => Promise<TResult>;
}

export interface FormOptions<TInput, TResult, TValues> {
  mutation: FormMutation<TInput, TResult>;
  /**
   * Checks the values in the browser and turns them into what is sent; its issues are shown by
   * their fields and nothing is sent. Without it the values are sent as they are.
   */
  schema?: z.ZodType<NoInfer<TInput>, TValues>;
  /** Server field names the form shows under another name: `{ 'stepUp.password': 'password' }`. */
  rename?: Readonly<Record<string, string>>;
  /**
   * The inputs that show a message of their own. A message about any other field becomes the
   * form's message, so none is lost. Without it every field message is shown by its field.
   */
  fields?: readonly string[];
  /**
   * What the form's inputs are called on screen, by input name, when not their usual name
   * (`{ username: t('usernameOrEmail') }`): error messages name the field as the person sees it.
   */
  labels?: Readonly<Record<string, string>>;
  /**
   * This form's own wording of some failures, by code (`{ WRONG_CODE: t('wrongSetupCode') }`),
   * where the general wording of `errors.codes` would be vaguer than the form can be.
   */
  messages?: Partial<Readonly<Record<RosterCode, string>>>;
  /** Runs after the call succeeded, still pending; a failure in it is shown like the call's. */
  onSuccess?: (result: TResult, input: TInput) => unknown;
}

export interface FormState {
  /** Messages beside the inputs they are about, by input name. */
  fields: Readonly<Record<string, string>>;
  /** A message about the whole form, shown above its buttons. */
  formError: string | null;
  /** How long the server asked to wait before trying again (throttles, overload). */
  retryAfterSeconds: number | null;
  /** The stable code of the failure (docs/api.md) for callers that word or act by it. */
  code: RosterCode | undefined;
  /** The failure itself, for `errorDetail()`; null when the browser's own check refused. */
  error: unknown;
  /** The last submit went through; cleared by the next one and by `reset()`. */
  succeeded: boolean;
}

export interface Form<TValues> extends FormState {
  /** From the start of a submit until `onSuccess` has finished. */
  pending: boolean;
  /**
   * The <form>'s submit handler, reading the values from its inputs (or from state). After a
   * failed submit, focus goes to the first invalid input of that form.
   */
  onSubmit: (read: (data: FormData) => TValues) => (event: SubmitEvent<HTMLFormElement>) => void;
  /** Checks and sends values directly (a button outside a form); resolves with the outcome. */
  submit: (values: TValues) => Promise<FormState>;
  /** Forgets the last outcome (a closed dialog, a new choice). */
  reset: () => void;
}

const IDLE: FormState = {
  fields: {},
  formError: null,
  retryAfterSeconds: null,
  code: undefined,
  error: null,
  succeeded: false,
};

/** Puts each message by the input that shows it, or in the form's message when none does. */
export function placeMessages(
  found: Readonly<Record<string, string>>,
  formError: string | null,
  { rename, fields: shown }: Pick<FormOptions<unknown, unknown, unknown>, 'rename' | 'fields'>,
): Pick<FormState, 'fields' | 'formError'> {
  const fields: Record<string, string> = {};
  let form = formError;
  for (const [name, message] of Object.entries(found)) {
    const input = rename?.[name] ?? name;
    if (shown && !shown.includes(input)) form ??= message;
    else fields[input] ??= message;
  }
  return { fields, formError: form };
}

/**
 * The one way a form talks to the API: parse in the browser with the shared zod schema, send,
 * and show what went wrong next to the inputs it is about, in the page language, with one
 * submit state.
 */
export function useForm<TInput, TResult, TValues = TInput>(
  options: FormOptions<TInput, TResult, TValues>,
): Form<TValues> {
  const [state, setState] = useState<FormState>(IDLE);
  const [pending, setPending] = useState(false);
  // Counts failed submits, so that the same message twice still moves the focus.
  const [failures, setFailures] = useState(0);
  const submitted = useRef<HTMLFormElement | null>(null);
  const errorText = useErrorText();

  // After a failed submit, take keyboard and screen-reader users to the first field to fix.
  useEffect(() => {
    if (failures === 0) return;
    submitted.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failures]);

  const fail = (failure: Omit<FormState, 'succeeded'>): FormState => {
    const next = { ...failure, succeeded: false };
    setState(next);
    setFailures((count) => count + 1);
    return next;
  };

  const submit = async (values: TValues): Promise<FormState> => {
    // Without a schema TValues is TInput (the default): z.custom passes the values through as is.
    const parsed = (options.schema ?? z.custom<TInput>()).safeParse(values);
    if (!parsed.success) {
      return fail({
        ...IDLE,
        ...placeMessages(errorText.issues(parsed.error.issues, options.labels), null, options),
      });
    }
    setState(IDLE);
    setPending(true);
    try {
      const result = await options.mutation.mutateAsync(parsed.data);
      const done = { ...IDLE, succeeded: true };
      setState(done);
      await options.onSuccess?.(result, parsed.data);
      return done;
    } catch (error) {
      const errors = errorText.formErrors(error, options.labels, options.messages);
      return fail({
        ...placeMessages(errors.fields, errors.form, options),
        retryAfterSeconds: errors.retryAfterSeconds,
        code: rosterCode(error),
        error,
      });
    } finally {
      setPending(false);
    }
  };

  return {
    ...state,
    pending,
    onSubmit: (read) => (event) => {
      event.preventDefault();
      submitted.current = event.currentTarget;
      void submit(read(new FormData(event.currentTarget)));
    },
    submit,
    reset: () => {
      setState(IDLE);
    },
  };
}
