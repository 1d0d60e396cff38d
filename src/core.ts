/** The client core as the package's `xmpp-chat/core` entry offers it: the general API and the support desk's. */
export * from './index.ts';
export * from './desk.ts';
