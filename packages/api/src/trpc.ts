import {
  type ApiKeyScope,
  DomainError,
  Forbidden,
  mayUseAdminScopes,
  NotAuthenticated,
  type RosterCode,
  Throttled,
  type UsersRead,
} from '@roster/users';
import { issueFacts } from '@roster/users/schemas';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import type { Context } from './context';
import { isProduction } from './env';

/** `maxHeartRate` → `Max heart rate`. */
function fieldLabel(path: PropertyKey[]): string {
  const last = String(path.at(-1) ?? '');
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A person-readable summary of a validation failure, naming the field. */
function describeZodError(error: ZodError): { message: string; field: string | undefined } {
  const [issue] = error.issues;
  if (!issue) return { message: 'The request is not valid.', field: undefined };
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return { message: `Unknown field: ${keys}. It cannot be set here.`, field: issue.keys[0] };
  }
  if (issue.path.length === 0) return { message: issue.message, field: undefined };
  const field = issue.path.join('.');
  const label = fieldLabel(issue.path);
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return { message: `${label} is required.`, field };
  }
  const lastWord = label.split(' ').at(-1)?.toLowerCase() ?? '';
  const named = issue.message.toLowerCase().includes(lastWord);
  return { message: named ? issue.message : `${label}: ${issue.message}`, field };
}

/** The stable code of an error that no domain code raised (tRPC's own refusals). */
const CODE_OF_TRPC_ERROR: Partial<Record<TRPCError['code'], RosterCode>> = {
  BAD_REQUEST: 'INVALID_INPUT',
  PARSE_ERROR: 'INVALID_INPUT',
  UNAUTHORIZED: 'SIGNED_OUT',
  FORBIDDEN: 'NOT_ALLOWED',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'REQUEST_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'INVALID_INPUT',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
};

export function rosterCodeOf(error: TRPCError): RosterCode {
  const cause = error.cause;
  if (cause instanceof DomainError) return cause.code;
  if (cause instanceof ZodError) return 'INVALID_INPUT';
  return CODE_OF_TRPC_ERROR[error.code] ?? 'INTERNAL';
}

/** A domain error as the tRPC error the API answers with. */
export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: error.kind, message: error.message, cause: error });
}

/** Who may call a procedure, for the checks below and the API reference. */
export type Access = 'public' | 'user' | 'admin';

/**
 * What a procedure says about itself: who may call it (set by the builder it is made from, never
 * by hand), a one-line summary, and the codes it may fail with beyond those of every call.
 */
export interface Meta {
  access?: Access;
  /**
   * What an API key needs to make this call (docs/api.md §13): a scope; `public` (any key, or
   * none); `admin` (`admin:read` for a query, `admin:write` for a mutation). Absent, or
   * `browser`: keys are refused, only a browser session may.
   */
  scope?: KeyScope;
  summary?: string;
  errors?: RosterCode[];
}

export type KeyScope = ApiKeyScope | 'public' | 'admin' | 'browser';

/** The scope a key needs for a call, or null when no key may make it. */
export function scopeNeeded(
  scope: KeyScope | undefined,
  type: 'query' | 'mutation' | 'subscription',
): ApiKeyScope | 'public' | null {
  if (scope === undefined || scope === 'browser') return null;
  if (scope === 'admin') return type === 'query' ? 'admin:read' : 'admin:write';
  return scope;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    isDev: !isProduction,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const zodError = cause instanceof ZodError ? cause : null;
      const described = zodError ? describeZodError(zodError) : null;
      const domain = cause instanceof DomainError ? cause : null;
      const field = described?.field ?? domain?.field;
      // Unexpected failures say nothing about the server's insides (SQL, paths, stacks).
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        message: internal
          ? 'Something went wrong on the server. Please try again.'
          : (domain?.message ?? shape.message),
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          ...(isProduction || internal ? {} : { stack: shape.data.stack }),
          rosterCode: internal ? 'INTERNAL' : (domain?.code ?? rosterCodeOf(error)),
          zodError: zodError ? z.flattenError(zodError) : null,
          issues: zodError ? zodError.issues.slice(0, 20).map(issueFacts) : null,
          field: field ?? null,
          retryAfterSeconds: cause instanceof Throttled ? cause.retryAfterSeconds : null,
          details: domain?.details ?? null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * The base of every procedure, in one middleware (each layer costs a context copy per request):
 * a mutation whose Origin is present and not the app's own is refused (CSRF); domain errors become
 * tRPC errors here and nowhere else; input validation failures get a message a person can read,
 * naming the field.
 */
const base = t.middleware(async ({ ctx, type, meta, next }) => {
  if (ctx.apiKey !== null) {
    // A key is judged first, and alone: a browser never sends one by itself, so no Origin check.
    await checkKey(ctx, scopeNeeded(meta?.scope, type));
  } else if (
    type === 'mutation' &&
    ctx.origin !== null &&
    ctx.origin !== ctx.services.appUrl.origin
  ) {
    throw toTRPCError(new Forbidden('Cross-site request refused.', 'FOREIGN_ORIGIN'));
  }
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    // Invalid input (an invalid answer is the server's own fault and stays INTERNAL_SERVER_ERROR).
    if (result.error.code === 'BAD_REQUEST' && cause instanceof ZodError) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: describeZodError(cause).message, cause });
    }
    if (cause instanceof DomainError) {
      if (cause instanceof Throttled) ctx.setHeader('Retry-After', String(cause.retryAfterSeconds));
      throw toTRPCError(cause);
    }
  }
  return result;
});

/** A domain error raised before `next()` as the tRPC error it answers with. */
function refusal(ctx: Context, error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error instanceof Throttled) ctx.setHeader('Retry-After', String(error.retryAfterSeconds));
  return toTRPCError(error);
}

/** The key of a call, its owner active, holding the scope the call needs. */
async function checkKey(ctx: Context, needed: ApiKeyScope | 'public' | null): Promise<void> {
  ctx.setHeader('Cache-Control', 'no-store');
  let scopes: ApiKeyScope[];
  try {
    ({ scopes } = await ctx.getKeyCaller());
  } catch (error) {
    throw refusal(ctx, error);
  }
  if (needed === null) {
    throw toTRPCError(
      new Forbidden(
        'An API key cannot do this: it needs a signed-in browser session.',
        'SCOPE_MISSING',
      ),
    );
  }
  if (needed !== 'public' && !scopes.includes(needed)) {
    const error = new Forbidden(`This API key lacks the scope ${needed}.`, 'SCOPE_MISSING');
    error.details = { scope: needed };
    throw toTRPCError(error);
  }
}

/** Anyone. An API key may call it only when the procedure says `scope: 'public'`. */
export const publicProcedure = t.procedure.meta({ access: 'public' }).use(base);

/** The signed-in user of a browser session, refused with UNAUTHORIZED without one. */
async function sessionUser(ctx: Context) {
  const session = await ctx.getSession();
  if (!session) {
    if (ctx.cookies.get(ctx.cookieNames.session)) ctx.cookies.clear(ctx.cookieNames.session);
    throw toTRPCError(new NotAuthenticated());
  }
  ctx.setHeader('Cache-Control', 'no-store');
  return session;
}

/** Signed in with a live session of an active user: browsers only, never an API key. */
export const protectedProcedure = publicProcedure
  .meta({ access: 'user' })
  .use(async ({ ctx, next }) => {
    const session = await sessionUser(ctx);
    const meta = { ...ctx.meta, signedIn: session.signedIn };
    return next({ ctx: { session, user: session.user, meta } });
  });

/**
 * Signed in with a session, or an API key holding the procedure's `scope` (which the procedure
 * must declare, or keys are refused): `sessionId` is null for a key.
 */
export const userProcedure = publicProcedure.meta({ access: 'user' }).use(async ({ ctx, next }) => {
  if (ctx.apiKey !== null) {
    const { user } = await ctx.getKeyCaller();
    return next({ ctx: { user, sessionId: null as string | null } });
  }
  const session = await sessionUser(ctx);
  const sessionId: string | null = session.sessionId;
  const meta = { ...ctx.meta, signedIn: session.signedIn };
  return next({ ctx: { user: session.user, sessionId, meta } });
});

const notAdmin = () => toTRPCError(new Forbidden('Only administrators can do this.'));

/**
 * Admins only: a signed-in regular user gets FORBIDDEN, never UNAUTHORIZED. Keys with the admin
 * scopes work only while their owner is an active administrator, checked on every call.
 */
export const adminProcedure = userProcedure
  .meta({ access: 'admin', scope: 'admin' })
  .use(({ ctx, next }) => {
    const admin: UsersRead = ctx.user;
    if (ctx.sessionId === null ? !mayUseAdminScopes(admin) : admin.accessType !== 'admin') {
      throw notAdmin();
    }
    return next();
  });
