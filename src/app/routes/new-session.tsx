import { PlaceholderPage } from '@/components/ui/placeholder-page';

export function NewSessionRoute() {
  return (
    <PlaceholderPage
      title="New session"
      description="Creating sessions from the dashboard is not built yet."
    />
  );
}
