import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@roster/api', '@roster/users'],
  // Native and Node-only modules stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', '@node-rs/bcrypt', 'pg', 'sharp', 'nodemailer'],
  typescript: { ignoreBuildErrors: false },
};

export default config;
