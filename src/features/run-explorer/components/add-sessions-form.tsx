import { memo, useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { MAX_RUN_SESSIONS, parseSessionList } from '@/lib/runs';

export interface AddSessionsFormProps {
  existing: readonly string[];
  onAdd: (sessionIds: string[]) => void;
}

/**
 * Adds sessions to the run: IDs or links, one or several, each checked before anything is
 * added. Memoized: a poll of the run leaves it alone.
 */
export const AddSessionsForm = memo(function AddSessionsForm({
  existing,
  onAdd,
}: AddSessionsFormProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const list = parseSessionList(value);
    const added = list.sessions.filter((id) => !existing.includes(id));
    if (list.invalid.length > 0)
      return setError(`Not session IDs: ${list.invalid.map((w) => `“${w}”`).join(', ')}.`);
    if (added.length === 0)
      return setError(
        list.sessions.length > 0
          ? 'These sessions are in the run already.'
          : 'Paste a session ID or link.',
      );
    if (existing.length + added.length > MAX_RUN_SESSIONS)
      return setError(
        `A run holds at most ${MAX_RUN_SESSIONS} sessions: this one has ${existing.length}, and these would add ${added.length}.`,
      );
    setValue('');
    setError(null);
    onAdd(added);
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="mt-3 flex flex-col gap-1">
      <label htmlFor={inputId} className="text-xs font-medium text-slate-700">
        Add sessions to this run (IDs or links)
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={inputId}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          autoComplete="off"
          spellCheck={false}
          placeholder="sess_abc123…"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm"
        />
        <Button type="submit">Add</Button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  );
});
