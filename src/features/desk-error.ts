import { XmppChatError } from '../errors.ts';

export type DeskCondition = 'invalid' | 'unexpected-answer';

/** A desk change could not be made as asked, or the server's answer held no readable state. */
export class DeskError extends XmppChatError {
  override readonly name = 'DeskError';
  constructor(
    readonly condition: DeskCondition,
    message: string,
  ) {
    super(message);
  }
}
