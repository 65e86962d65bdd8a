import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { parseSessionList, runViewPath } from '@/lib/runs';
import { extractSessionId } from '@/lib/session-id';
import { Button } from '@/components/ui/button';

/** Paste a session ID, a link or JSON, and go to its monitor; or several IDs, to watch a run. */
export function SessionLookupForm() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    // Several IDs (not one JSON document): a run of them; words that are no ID are listed there.
    const list = /^\s*[[{]/.test(value) ? null : parseSessionList(value);
    if (list && list.sessions.length > 1) {
      if (list.tooMany) setError(list.tooMany);
      else void navigate(runViewPath([...list.sessions, ...list.invalid]));
      return;
    }
    const result = extractSessionId(value);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    void navigate(`/sessions/${encodeURIComponent(result.sessionId)}`);
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-2">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        Session ID, link or JSON — or several session IDs, to watch them as one run
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={inputId}
          name="session"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          autoComplete="off"
          spellCheck={false}
          placeholder="sess_abc123def456ghi789"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <Button type="submit" variant="primary" className="px-5">
          Open session
        </Button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
