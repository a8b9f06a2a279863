import type { APIRequestContext } from '@playwright/test';
import { request as playwrightRequest } from '@playwright/test';
import { ADMIN, BASE_URL } from './env';

interface TrpcFailure {
  error: { message: string; data: { code: string; httpStatus: number } };
}

/** Calls the tRPC HTTP API the way any outside client would (plain JSON, no transformer). */
export class TrpcClient {
  constructor(readonly request: APIRequestContext) {}

  async query<T>(path: string, input?: unknown): Promise<T> {
    const url =
      input === undefined
        ? `/api/trpc/${path}`
        : `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.#unwrap<T>(path, await this.request.get(url));
  }

  async mutation<T>(path: string, input?: unknown): Promise<T> {
    const response = await this.request.post(`/api/trpc/${path}`, {
      data: input === undefined ? undefined : JSON.stringify(input),
      headers: { 'content-type': 'application/json' },
    });
    return this.#unwrap<T>(path, response);
  }

  async #unwrap<T>(path: string, response: Awaited<ReturnType<APIRequestContext['get']>>) {
    const body = (await response.json()) as { result?: { data: T } } & Partial<TrpcFailure>;
    if (!response.ok() || !body.result) {
      throw new Error(
        `${path} failed: ${response.status()} ${body.error?.data.code ?? ''} ${body.error?.message ?? ''}`,
      );
    }
    return body.result.data;
  }
}

/** A request context signed in as the e2e administrator (created by the setup project). */
export async function adminClient(): Promise<TrpcClient & { dispose(): Promise<void> }> {
  const request = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const client = new TrpcClient(request);
  await client.mutation('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return Object.assign(client, { dispose: () => request.dispose() });
}
