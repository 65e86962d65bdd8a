import { useState, type FormEvent } from 'react';
import {
  closeApiKeyDialog,
  forgetApiKey,
  openApiKeyDialog,
  setApiKey,
  useApiKey,
} from '@/lib/api-key';
import { Button } from '@/components/ui/button';
import { KeyIcon } from '@/components/ui/icons';
import { Modal } from '@/components/ui/modal';

/** Header control: shows which key is in use and opens the one key dialog. */
export function ApiKeyControl() {
  const state = useApiKey();
  const label = state.userKey
    ? `Key ••••${state.userKey.slice(-4)}${state.remembered ? ' (remembered)' : ''}`
    : state.usingDemoKey
      ? 'Demo key'
      : 'No API key';
  return (
    <>
      <Button variant="secondary" onClick={() => openApiKeyDialog()} aria-haspopup="dialog">
        <KeyIcon /> {label}
      </Button>
      {state.dialog && <ApiKeyDialog reason={state.dialog.reason} />}
    </>
  );
}

interface ApiKeyDialogProps {
  reason: string | null;
}

function ApiKeyDialog({ reason }: ApiKeyDialogProps) {
  const state = useApiKey();
  const [value, setValue] = useState('');
  const [remember, setRemember] = useState(state.remembered);
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (value.trim() === '') {
      setError('Enter your API key, or close this dialog.');
      return;
    }
    setApiKey(value, remember);
    closeApiKeyDialog();
  }

  function handleForget() {
    forgetApiKey();
    setValue('');
    closeApiKeyDialog();
  }

  return (
    <Modal title="Quiet Score API key" onClose={closeApiKeyDialog}>
      {reason && (
        <p role="alert" className="mb-3 rounded bg-amber-50 p-2 text-sm text-amber-900">
          {reason}
        </p>
      )}
      <form onSubmit={handleSubmit} noValidate>
        <label htmlFor="api-key-input" className="block text-sm font-medium">
          API key
        </label>
        <input
          id="api-key-input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby="api-key-help"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          placeholder={state.userKey ? 'Enter a new key to replace the current one' : 'Your key'}
        />
        {error && <p className="mt-1 text-sm text-red-700">{error}</p>}
        <p id="api-key-help" className="mt-2 text-xs text-slate-600">
          Sent only in the Authorization header to this dashboard’s server. Kept for this tab unless
          you choose to remember it.
          {state.usingDemoKey && ' Until you enter one, the emulator’s demo key is used.'}
        </p>
        <label className="mt-3 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />
          Remember on this device
        </label>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          {state.userKey && (
            <Button variant="ghost" onClick={handleForget}>
              Forget key
            </Button>
          )}
          <Button variant="secondary" onClick={closeApiKeyDialog}>
            Cancel
          </Button>
          <Button variant="primary" type="submit">
            Save key
          </Button>
        </div>
      </form>
    </Modal>
  );
}
