/** The one place this package reads the environment: whether errors may carry stack traces. */
export const isProduction = process.env.NODE_ENV === 'production';
