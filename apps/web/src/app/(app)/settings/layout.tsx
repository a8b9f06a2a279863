import type { ReactNode } from 'react';
import { SettingsNav } from '@/components/shell/SettingsNav';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="settings-layout">
      <SettingsNav />
      <div>{children}</div>
    </div>
  );
}
