/** What the widget tells about an error: a stable code for pages, a sentence for people. */
import { AuthError, ConfigError, ConnectionError, StorageError, StreamError, type XmppChatError } from '../../src/index.ts';
import type { MessageKey } from '../i18n/i18n.ts';

export interface WidgetError {
  /** The error's condition, e.g. `not-authorized`, `timeout`, `quota-exceeded`. */
  code: string;
  /** The core's sentence, in English. */
  message: string;
  /** The catalog sentence that frames `message` in the widget's language. */
  key: MessageKey;
}

export function describeError(error: Error): WidgetError {
  const code = (error as Partial<XmppChatError>).condition ?? 'error';
  const message = error.message;
  if (error instanceof AuthError) return { code, message, key: code === 'not-authorized' ? 'error.not-authorized' : 'error.auth' };
  if (error instanceof ConnectionError || error instanceof StreamError) return { code, message, key: 'error.connection' };
  if (error instanceof ConfigError) return { code, message, key: 'error.config' };
  if (error instanceof StorageError) return { code, message, key: 'error.storage' };
  return { code, message, key: 'error.generic' };
}
