import { describe, expect, it } from 'vitest';
import { extractSessionId } from './session-id';

const ok = (input: string) => {
  const r = extractSessionId(input);
  if (!r.ok) throw new Error(`expected ok for ${input}: ${r.message}`);
  return r.sessionId;
};

describe('extractSessionId', () => {
  it('accepts a bare ID, trimmed', () => {
    expect(ok('sess_abc123def456ghi789')).toBe('sess_abc123def456ghi789');
    expect(ok('  \n sess_x-Y_1 \t')).toBe('sess_x-Y_1');
  });

  it('extracts session_id from a pasted API or dashboard URL', () => {
    expect(ok('https://api.calmyx.com/v2/session/status?session_id=sess_abc123')).toBe(
      'sess_abc123',
    );
    expect(ok('http://127.0.0.1:8080/sessions/sess_def456?listing=x')).toBe('sess_def456');
    expect(ok('/v2/session/status?session_id=abc-123')).toBe('abc-123');
  });

  it('extracts session_id from pasted JSON, even nested', () => {
    expect(ok('{"session_id": "sess_abc", "total_locations": 5}')).toBe('sess_abc');
    expect(ok('{"data": {"session_id": "sess_nested"}}')).toBe('sess_nested');
  });

  it('finds an ID inside a curl command line', () => {
    expect(
      ok(
        "curl 'https://api.calmyx.com/v2/session/status?session_id=sess_q1' -H 'Authorization: x'",
      ),
    ).toBe('sess_q1');
  });

  it.each([
    ['', /Paste a session ID/],
    ['   ', /Paste a session ID/],
    ['hello world', /not a session ID/],
    ['sess_abc/../x', /not a session ID/],
    ['{"session_id": ', /does not parse/],
    ['{"id": "x"}', /no "session_id"/],
    ['{"session_id": 42}', /not a valid session ID/],
    ['https://example.com/status?session_id=a%20b', /not a valid session ID/],
    ['x'.repeat(129), /not a session ID/],
  ])('rejects %j with a clear message', (input, message) => {
    const r = extractSessionId(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
