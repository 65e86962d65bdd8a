import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiKey } from '@/lib/api-key';
import {
  keyFingerprint,
  readSessionInput,
  saveSessionInput,
  type SessionInput,
} from '@/lib/browser-db';

const inputKey = (key: string | null, sessionId: string) =>
  ['session-input', keyFingerprint(key), sessionId] as const;

/**
 * The input rows this browser keeps for a session (from the new-session page, or a file the
 * user attached here): the user's columns for the table, details and exports. `enabled`:
 * false until it is wanted (it opens IndexedDB, which the first paint need not wait for).
 */
export function useSessionInput(sessionId: string, { enabled = true } = {}) {
  const { effectiveKey } = useApiKey();
  const client = useQueryClient();
  const key = inputKey(effectiveKey, sessionId);
  const query = useQuery({
    queryKey: key,
    queryFn: () => readSessionInput(sessionId),
    staleTime: Infinity,
    enabled,
  });
  const attach = useMutation({
    mutationFn: async (input: SessionInput) => {
      await saveSessionInput(sessionId, input);
      return input;
    },
    onSuccess: (input) => client.setQueryData(key, input),
  });
  return { input: query.data ?? null, known: query.isSuccess, attach };
}
