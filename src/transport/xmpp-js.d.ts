// xmpp.js ships no type declarations. Only websocket.ts imports these modules, and it describes
// the small part of their API it uses at the point of use.
declare module '@xmpp/client-core';
declare module '@xmpp/websocket';
declare module '@xmpp/middleware';
declare module '@xmpp/stream-features';
declare module '@xmpp/iq/caller.js';
declare module '@xmpp/sasl';
declare module '@xmpp/resource-binding';
declare module '@xmpp/stream-management';
