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
    // Several IDs: a run of them. Only when every word is one and looks like one (a digit or an
    // underscore, as the API's have): a sentence around one ID, or a typo, is not a run.
    const list = parseSessionList(value);
    if (
      list.sessions.length > 1 &&
      list.invalid.length === 0 &&
      list.sessions.every((id) => /[\d_]/.test(id))
    ) {
      if (list.tooMany) setError(list.tooMany);
      else void navigate(runViewPath(list.sessions));
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
          onPaste={(e) => {
            // A one-line field drops a pasted list's line breaks: keep them apart as spaces.
            const text = e.clipboardData.getData('text');
            if (!/[\r\n]/.test(text)) return;
            e.preventDefault();
            const el = e.currentTarget;
            const at = el.selectionStart ?? el.value.length;
            const end = el.selectionEnd ?? at;
            setValue(
              el.value.slice(0, at) +
                text.trim().replace(/\s*[\r\n]+\s*/g, ' ') +
                el.value.slice(end),
            );
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
