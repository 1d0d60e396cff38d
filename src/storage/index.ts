/** Chat history storage: the only module that touches IndexedDB (through idb-keyval). */
export { createMessageStore } from './message-store.ts';
export type { MessageStore, MessageStoreEvents, MessageStoreOptions, StorageChange } from './message-store.ts';
export { createIdbBackend, DB_NAME, STORE_NAME } from './idb-backend.ts';
export { createMemoryBackend } from './memory-backend.ts';
export { StorageError } from './types.ts';
export { cursorBefore, decodeCursor } from './buckets.ts';
export type {
  Backend,
  BackendTransaction,
  ConversationSummary,
  MessagePatch,
  MessageState,
  Page,
  RosterCache,
  StorageCondition,
  StorageKey,
  StoredMessage,
  SharedFile,
  ReplyTo,
} from './types.ts';
