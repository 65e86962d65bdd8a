import { AccountOverview } from '@/features/account/components/account-overview';

export function AccountRoute() {
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Account</h1>
      <AccountOverview />
    </div>
  );
}
