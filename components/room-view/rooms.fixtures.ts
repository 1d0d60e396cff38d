/** For full mode's room tests: the account's rooms, answering as a test tells them to, with no server behind them. */
import { RoomError, type RoomBookmark, type RoomInvitation, type Rooms, type RoomsEvents } from '../../src/index.ts';
import { FakeRoom } from './room-view.fixtures.ts';

type Listener = (detail: unknown) => void;

export class FakeRooms implements Rooms {
  readonly made = new Map<string, FakeRoom>();
  bookmarked: RoomBookmark[] = [];
  /** Every call besides `room`, recorded: `saveBookmark`, `removeBookmark`, `decline`. */
  calls: { method: string; args: unknown[] }[] = [];
  /** The condition the next call refuses with. */
  refuseNext: string | undefined;
  readonly #listeners = new Map<string, Set<Listener>>();

  room(jid: string): FakeRoom {
    let room = this.made.get(jid);
    if (!room) {
      this.made.set(jid, (room = new FakeRoom(jid)));
      room.on('state', () => this.emit('rooms', undefined));
    }
    return room;
  }

  joined(): FakeRoom[] {
    return [...this.made.values()].filter((r) => r.state === 'joined' || r.state === 'joining' || r.state === 'rejoining');
  }

  isRoom(jid: string): boolean {
    return this.made.has(jid) || this.bookmarked.some((b) => b.jid === jid);
  }

  bookmarks(): Promise<RoomBookmark[]> {
    return Promise.resolve(this.bookmarked.slice());
  }

  saveBookmark(bookmark: RoomBookmark): Promise<void> {
    return this.#record('saveBookmark', bookmark).then(() => {
      this.bookmarked = [...this.bookmarked.filter((b) => b.jid !== bookmark.jid), bookmark];
      this.emit('bookmarks', this.bookmarked.slice());
    });
  }

  removeBookmark(jid: string): Promise<void> {
    return this.#record('removeBookmark', jid).then(() => {
      this.bookmarked = this.bookmarked.filter((b) => b.jid !== jid);
      this.emit('bookmarks', this.bookmarked.slice());
    });
  }

  decline(invitation: RoomInvitation, reason?: string): Promise<void> {
    return this.#record('decline', invitation, reason);
  }

  on<K extends keyof RoomsEvents>(type: K, listener: (detail: RoomsEvents[K]) => void): () => void {
    let set = this.#listeners.get(type as string);
    if (!set) this.#listeners.set(type as string, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof RoomsEvents>(type: K, detail: RoomsEvents[K]): void {
    for (const listener of [...(this.#listeners.get(type as string) ?? [])]) listener(detail);
  }

  #record(method: string, ...args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    const condition = this.refuseNext;
    this.refuseNext = undefined;
    return condition ? Promise.reject(new RoomError(condition, `The server said ${condition}.`)) : Promise.resolve();
  }
}
