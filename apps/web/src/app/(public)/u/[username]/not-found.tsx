import Link from 'next/link';
import { AuthCard } from '@/components/auth/AuthCard';
import './public-profile.css';

export default function ProfileNotFound() {
  return (
    <AuthCard title="Profile not found" footer={<Link href="/login">Sign in</Link>}>
      <p className="not-found-text">
        This profile does not exist, or profiles are not shared publicly on this server.
      </p>
    </AuthCard>
  );
}
