import { PlaceholderPage } from '@/components/ui/placeholder-page';

export function AccountRoute() {
  return <PlaceholderPage title="Account" description="The account view is not built yet." />;
}
