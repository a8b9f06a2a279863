import type { ReactNode } from 'react';

export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="auth-shell">
      {children}
    </main>
  );
}
