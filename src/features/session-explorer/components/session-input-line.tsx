import { useState } from 'react';
import type { SessionInput } from '@/lib/browser-db';
import type { ResultRow } from '@/lib/results';

export interface SessionInputLineProps {
  input: SessionInput | null;
  rows: readonly ResultRow[];
  onAttach: (input: SessionInput) => void;
}

/**
 * Whose columns the results carry: the input rows kept for this session, how many results
 * they matched; or, when this browser has none, a way to attach the file the session was made
 * from (its rows are matched to results by coordinate).
 */
export function SessionInputLine({ input, rows, onAttach }: SessionInputLineProps) {
  const [error, setError] = useState<string | null>(null);
  async function handleFile(file: File | undefined) {
    setError(null);
    if (!file) return;
    try {
      // The parsers (and papaparse) load with the first file, not with the page.
      const [{ readLocationsFile }, { inputRowOf, sessionInputOf }] = await Promise.all([
        import('@/features/new-session/lib/read-file'),
        import('@/features/new-session/lib/parse-locations'),
      ]);
      const parsed = await readLocationsFile(file);
      const located = parsed.entries
        .filter((e) => Number.isFinite(e.lat) && Number.isFinite(e.lng))
        .map((e) => ({ lat: e.lat, lng: e.lng, input: inputRowOf(e) }));
      if (located.length === 0) {
        setError(`No locations found in ${file.name}.`);
        return;
      }
      onAttach(sessionInputOf(located, parsed.columns, file.name));
    } catch (e) {
      setError(`That file could not be read: ${(e as Error).message}`);
    }
  }
  const matched = input ? rows.filter((r) => r.input).length : 0;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
      {input ? (
        <p>
          Your rows from <span className="font-medium">{input.source ?? 'pasted text'}</span>
          {input.columns.length > 0 && <> ({input.columns.join(', ')})</>}: {matched} of{' '}
          {rows.length} results matched.
        </p>
      ) : (
        <p>This browser does not have the input rows of this session.</p>
      )}
      <label className="cursor-pointer font-medium text-teal-800 underline focus-within:outline-2 focus-within:outline-teal-700">
        {input ? 'Attach another input file' : 'Attach the input file'}
        <input
          type="file"
          accept=".csv,.geojson,.json,.txt,text/csv,application/geo+json,application/json"
          className="sr-only"
          onChange={(e) => void handleFile(e.target.files?.[0])}
        />
      </label>
      {error && (
        <p role="alert" className="w-full text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
