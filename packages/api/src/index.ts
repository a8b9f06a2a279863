export { appRouter, type AppRouter } from './root';
export { createContextInner, type Context, type ContextOptions } from './context';
export { createCallerFactory } from './trpc';
export { cookieNames, createCookieJar, type CookieJar } from './cookies';
export { createServerCaller, type ServerCaller } from './server-caller';
