import { useParams } from 'react-router';
import { PlaceholderPage } from '@/components/ui/placeholder-page';

export function SessionMonitorRoute() {
  const { sessionId = '' } = useParams();
  return (
    <PlaceholderPage
      title={`Session ${sessionId}`}
      description="The live session monitor is not built yet."
    />
  );
}
