/** Where the nickname a visitor chose for a site's rooms is kept (localStorage), once they chose one. */
export const ROOM_NICK_KEY = 'xmpp-chat:room-nick';
