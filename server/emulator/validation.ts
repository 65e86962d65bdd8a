import type { z } from 'zod';
import { formatPath } from '../../src/lib/field-path';
import { HttpError } from '../errors';

/**
 * Parses `input` with `schema`, or throws a 400 whose message names the first offending
 * field (`locations[3].lat: …`), as our contract asks.
 */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? formatPath(issue.path) : '';
  const detail = issue ? describeIssue(issue) : 'invalid';
  throw new HttpError(400, 'invalid_request', `${what}: ${where ? `${where}: ` : ''}${detail}`);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type') {
    return `expected ${issue.expected === 'number' ? 'a number' : issue.expected === 'array' ? 'an array' : issue.expected === 'object' ? 'an object' : issue.expected}${issue.input === undefined ? ' (missing)' : ''}`;
  }
  if (issue.code === 'too_big' || issue.code === 'too_small')
    return issue.message.replace(/^Too (big|small): /, '');
  return issue.message;
}
