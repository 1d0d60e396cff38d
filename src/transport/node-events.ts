/**
 * The part of Node's `events` module that xmpp.js and ltx use, in place of the `events` package
 * (1.3 KB gzip) in the widget's build (see vite.config.ts): `on`/`addListener`, `once`,
 * `off`/`removeListener`, `removeAllListeners`, `emit`, `listenerCount` and `listeners`, with
 * Node's rules — listeners run in order on a copy of the list, with the emitter as `this`; a
 * `once` listener is removed before it runs and can be removed by the function given; an `error`
 * nobody listens to is thrown. Left out, as nothing in those libraries uses them: the
 * `newListener`/`removeListener` events, prepending, and the too-many-listeners warning.
 */
type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
type Registered = Listener & { listener?: Listener };

export class EventEmitter {
  #listeners = new Map<string | symbol, Registered[]>();

  on(type: string | symbol, listener: Listener): this {
    checkListener(listener);
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
    return this;
  }

  addListener(type: string | symbol, listener: Listener): this {
    return this.on(type, listener);
  }

  once(type: string | symbol, listener: Listener): this {
    checkListener(listener);
    let fired = false;
    const wrapped: Registered = (...args) => {
      if (fired) return undefined;
      this.removeListener(type, wrapped);
      fired = true;
      return listener.apply(this, args);
    };
    wrapped.listener = listener;
    return this.on(type, wrapped);
  }

  /** Removes the last registration of `listener` (or of a `once` made with it). */
  removeListener(type: string | symbol, listener: Listener): this {
    checkListener(listener);
    const list = this.#listeners.get(type) ?? [];
    let index = list.length - 1;
    while (index >= 0 && list[index] !== listener && list[index].listener !== listener) index -= 1;
    if (index < 0) return this;
    const rest = [...list.slice(0, index), ...list.slice(index + 1)];
    if (rest.length > 0) this.#listeners.set(type, rest);
    else this.#listeners.delete(type);
    return this;
  }

  off(type: string | symbol, listener: Listener): this {
    return this.removeListener(type, listener);
  }

  removeAllListeners(type?: string | symbol): this {
    if (type === undefined) this.#listeners.clear();
    else this.#listeners.delete(type);
    return this;
  }

  emit(type: string | symbol, ...args: unknown[]): boolean {
    const list = this.#listeners.get(type);
    if (!list) {
      if (type !== 'error') return false;
      const [error] = args;
      if (error instanceof Error) throw error;
      const unhandled = new Error(`Unhandled error.${error ? ` (${(error as { message?: string }).message})` : ''}`);
      throw Object.assign(unhandled, { context: error });
    }
    // The list is replaced, never changed, when listeners come and go: this one stays as it was.
    for (const listener of list) listener.apply(this, args);
    return true;
  }

  listenerCount(type: string | symbol): number {
    return this.#listeners.get(type)?.length ?? 0;
  }

  /** The listeners of `type`, `once` ones as given. */
  listeners(type: string | symbol): Listener[] {
    return (this.#listeners.get(type) ?? []).map((l) => l.listener ?? l);
  }
}

function checkListener(listener: unknown): void {
  if (typeof listener !== 'function')
    throw new TypeError(`The "listener" argument must be of type Function. Received type ${typeof listener}`);
}

export default EventEmitter;
