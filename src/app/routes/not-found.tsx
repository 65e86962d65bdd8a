import { PlaceholderPage } from '@/components/ui/placeholder-page';

export function NotFoundRoute() {
  return <PlaceholderPage title="Page not found" description="There is no page at this address." />;
}
