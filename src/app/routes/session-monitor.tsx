import { useParams } from 'react-router';
import { PlaceholderPage } from '@/components/ui/placeholder-page';
import { SESSION_ID_RE } from '@/lib/session-id';
import { SessionExplorer } from '@/features/session-explorer/components/session-explorer';

export function SessionMonitorRoute() {
  const { sessionId = '' } = useParams();
  if (!SESSION_ID_RE.test(sessionId)) {
    return (
      <PlaceholderPage
        title="That is not a session ID"
        description="Session IDs use letters, digits, “_” and “-” only (at most 128). Paste the ID again on the start page."
      />
    );
  }
  return <SessionExplorer key={sessionId} sessionId={sessionId} />;
}
