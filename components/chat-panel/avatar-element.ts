/**
 * Registers `<xmpp-chat-avatar>`, for panel-avatars.ts to load. Importing avatar.ts itself, which
 * full mode also imports statically, would need a namespace object for its exports, and with it
 * the bundler's runtime helper as a file of its own on every visitor's path; this module exports
 * nothing.
 */
import '../avatar/avatar.ts';
