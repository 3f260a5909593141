import { InvalidAvatarMessageError } from '../../src/errors';

/**
 * The InvalidAvatarMessageError a parser throws for `text`; any other outcome fails the test.
 *
 * @example
 * expect(refusal(parseAvatarProcessedMessage, '[]').message).toBe('avatar processed message is not a JSON object');
 */
export function refusal(parse: (text: string) => unknown, text: string): InvalidAvatarMessageError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof InvalidAvatarMessageError) return error;
    throw error;
  }
  throw new Error('expected an InvalidAvatarMessageError');
}
