import type { Metadata } from 'next';
import { PhotoUpload } from '@/components/profile/PhotoUpload';
import { ProfileForm } from '@/components/profile/ProfileForm';
import { ProfileSummary } from '@/components/profile/ProfileSummary';

export const metadata: Metadata = { title: 'Profile' };

export default function ProfilePage() {
  return (
    <>
      <div className="page-header">
        <h1>Profile</h1>
        <p>How you appear to others, and your preferences.</p>
      </div>
      <ProfileSummary />
      <PhotoUpload />
      <ProfileForm />
    </>
  );
}
