import type { z } from 'zod';
import { formatPath } from '../../src/contract/field-path';
import { HttpError } from '../errors';

type Where = 'Body' | 'Query' | 'Path';

/** A 400 that names the first offending field, as people read it. */
function validationError(error: z.ZodError, where: Where): HttpError {
  const issue = error.issues[0];
  const path = formatPath(issue?.path ?? []);
  const detail = issue ? describeIssue(issue) : 'invalid';
  return new HttpError(400, 'invalid_request', `${where}: ${path ? `${path}: ` : ''}${detail}`);
}

const PARTS: Record<string, Where> = { body: 'Body', querystring: 'Query', params: 'Path' };

/**
 * Fastify's validator for routes whose schemas are the contract's zod schemas: the request
 * part is parsed (and transformed) by the schema, and a failure is our contract's 400 with
 * the same message `parseOr400` gives.
 */
export function zodValidatorCompiler({ schema, httpPart }: { schema: unknown; httpPart?: string }) {
  const zodSchema = schema as z.ZodType;
  const where = PARTS[httpPart ?? ''] ?? 'Query';
  return (data: unknown) => {
    const result = zodSchema.safeParse(data, { reportInput: true });
    return result.success
      ? { value: result.data }
      : { error: validationError(result.error, where) };
  };
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  array: 'an array',
  object: 'an object',
  string: 'a string',
};

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys': {
      // A body with 50,000 stray fields gets a message of five of them, not all.
      const named = issue.keys.slice(0, 5).map((k) => `"${k.slice(0, 40)}"`);
      const more = issue.keys.length - named.length;
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    }
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `required (${expected})`
        : `expected ${expected}, got ${show(issue.input)}`;
    }
    case 'too_big':
    case 'too_small':
      return `${issue.message.replace(/^Too (big|small): expected (number|array) to (be|have) /, 'must be ')}${issue.input === undefined ? '' : `, got ${show(issue.input)}`}`;
    default:
      return issue.message;
  }
}

/** A short picture of the offending value; never the whole of a large or deep one. */
function show(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
