import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@roster/api', '@roster/users'],
  // Native and Node-only modules stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', '@node-rs/bcrypt', 'pg', 'sharp', 'nodemailer'],
  typescript: { ignoreBuildErrors: false },
};

// The page language comes from src/i18n/request.ts (no locale in the URL).
export default createNextIntlPlugin('./src/i18n/request.ts')(config);
