/**
 * Joining the room view's room: once online, under the site's nickname or the one the visitor
 * chose before, else after asking; after a refusal, the way forward (the nickname form again, the
 * password, another try, or nothing).
 */
import { RoomError, type Room } from '../../src/index.ts';
import { loadValue, saveValue } from '../controllers/local-values.ts';
import { refusalOf } from './refusals.ts';
import { ROOM_NICK_KEY } from './room-nick.ts';

export interface JoinHost {
  requestUpdate(): void;
  readonly room?: Room;
  /** The nickname the site gave; the visitor's own is kept for the site. */
  readonly nick?: string;
  /** Connected: the room may be joined. */
  readonly online: boolean;
}

export class RoomJoin {
  /** The form shown: a nickname or the room's password. */
  ask?: 'nick' | 'password';
  busy = false;
  /** The nickname form was sent empty. */
  invalid = false;
  /** The nickname and password of the last join, for another try; the password is never stored. */
  tried?: { nick: string; password?: string };

  constructor(
    private readonly host: JoinHost,
    private readonly report: (error: Error) => void,
  ) {}

  /** A new room: nothing tried in it yet. */
  reset(): void {
    this.tried = this.ask = undefined;
    this.invalid = false;
  }

  /** Joins once online, under the site's or the remembered nickname, or asks for one; call before each render. */
  joinOnce(): void {
    const { room, online } = this.host;
    if (!room || !online || this.ask || this.busy || room.state !== 'idle' || this.tried) return;
    const nick = this.#siteNick() || loadValue(ROOM_NICK_KEY);
    if (nick) void this.join(nick);
    else this.ask = 'nick';
  }

  /** The nickname the form shows: the one tried last (taken, say), the site's, or the remembered one. */
  get prefill(): string {
    return this.tried?.nick ?? this.#siteNick() ?? loadValue(ROOM_NICK_KEY) ?? '';
  }

  async join(nick: string, password?: string): Promise<void> {
    const room = this.host.room;
    if (!room) return;
    this.tried = { nick, password };
    this.busy = true;
    this.host.requestUpdate();
    try {
      await room.join(nick, password === undefined ? undefined : { password });
      this.ask = undefined;
      // The site's nickname is the site's to give each time; one the visitor chose is kept for the site.
      if (nick !== this.#siteNick()) saveValue(ROOM_NICK_KEY, nick);
    } catch (error) {
      if (!(error instanceof RoomError)) this.report(error as Error);
    } finally {
      this.busy = false;
      this.refused();
    }
  }

  /** After a refusal or a removal, the form the way forward needs; otherwise just a new render. */
  refused(): void {
    const { room } = this.host;
    if (room?.state === 'failed') {
      const { way } = refusalOf(room.error?.condition);
      this.ask = way === 'nick' || way === 'password' ? way : undefined;
    }
    this.host.requestUpdate();
  }

  /** The form's answer: a nickname, or the password for the nickname tried. */
  readonly answered = (value: string): void => {
    this.invalid = this.ask === 'nick' && value === '';
    if (this.invalid) return this.host.requestUpdate();
    if (this.ask === 'nick') void this.join(value, this.tried?.password);
    else void this.join(this.tried?.nick ?? this.prefill, value);
  };

  readonly retry = (): void => {
    if (this.tried) void this.join(this.tried.nick, this.tried.password);
  };

  #siteNick(): string | undefined {
    return this.host.nick?.trim() || undefined;
  }
}
