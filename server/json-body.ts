import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

/** Deeper than any request of the API (three levels) by far; shallow enough that nothing downstream recurses for long. */
export const MAX_JSON_DEPTH = 32;

/** How deep arrays and objects nest in a JSON text, stopping as soon as `limit` is passed. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/**
 * JSON bodies through Fastify's own parser (prototype-poisoning checks included), after a
 * linear scan that refuses deep nesting: a body nested thousands of levels deep would
 * otherwise reach validation and error formatting, which recurse.
 */
export function registerJsonBodyParser(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = String(raw);
    if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
      return done(
        new HttpError(
          400,
          'invalid_request',
          `Body: JSON nested deeper than ${MAX_JSON_DEPTH} levels; no request of this API needs more than three.`,
        ),
        undefined,
      );
    }
    return parse(request, body, done);
  });
}
