/** Our contract: any 1–128 characters of [A-Za-z0-9_-] after trimming. */
export const SESSION_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

export type SessionIdResult = { ok: true; sessionId: string } | { ok: false; message: string };

const EMBEDDED_ID_RE = /\bsess_[A-Za-z0-9_-]{1,123}\b/;

/**
 * Accepts a bare session ID, a pasted URL (`?session_id=…` or `/sessions/<id>`) or a pasted
 * JSON document with a `session_id` field, and says clearly what is wrong otherwise.
 */
export function extractSessionId(input: string): SessionIdResult {
  const text = input.trim();
  if (text === '')
    return { ok: false, message: 'Paste a session ID, a link or the JSON that contains one.' };
  if (SESSION_ID_RE.test(text)) return { ok: true, sessionId: text };

  if (text.startsWith('{') || text.startsWith('[')) return fromJson(text);

  const fromUrl = fromUrlText(text);
  if (fromUrl) return fromUrl;

  // A pasted command line or sentence (it has spaces): take the one ID-looking word in it.
  const embedded = /\s/.test(text) ? EMBEDDED_ID_RE.exec(text) : null;
  if (embedded) return { ok: true, sessionId: embedded[0] };

  return {
    ok: false,
    message: `“${preview(text)}” is not a session ID: use letters, digits, “_” and “-” only (at most 128), e.g. sess_abc123def456ghi789.`,
  };
}

function fromJson(text: string): SessionIdResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: 'That looks like JSON but does not parse: check for a missing quote or brace.',
    };
  }
  const found = findSessionIdField(parsed);
  if (found === undefined) return { ok: false, message: 'That JSON has no "session_id" field.' };
  if (typeof found !== 'string' || !SESSION_ID_RE.test(found.trim())) {
    return { ok: false, message: 'The "session_id" in that JSON is not a valid session ID.' };
  }
  return { ok: true, sessionId: found.trim() };
}

function findSessionIdField(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && 'session_id' in value)
    return (value as { session_id: unknown }).session_id;
  for (const child of Object.values(value)) {
    const found = findSessionIdField(child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function fromUrlText(text: string): SessionIdResult | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !text.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(text, 'http://placeholder.invalid');
  } catch {
    return null;
  }
  const param = url.searchParams.get('session_id') ?? url.searchParams.get('sessionId');
  const fromPath = /\/sessions\/([^/?#]+)/.exec(url.pathname)?.[1];
  const candidate = param ?? (fromPath ? decodeURIComponent(fromPath) : null);
  if (candidate === null) return null;
  if (!SESSION_ID_RE.test(candidate.trim())) {
    return {
      ok: false,
      message: `The link contains “${preview(candidate)}”, which is not a valid session ID.`,
    };
  }
  return { ok: true, sessionId: candidate.trim() };
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
