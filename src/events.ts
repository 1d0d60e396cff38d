/** A small typed event emitter; listeners that throw are isolated from each other. */
export class Emitter<Events extends Record<string, unknown>> {
  readonly #listeners = new Map<keyof Events, Set<(detail: never) => void>>();

  /** Adds a listener and returns the function that removes it. */
  on<K extends keyof Events>(type: K, listener: (detail: Events[K]) => void): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof Events>(type: K, detail: Events[K]): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) {
      try {
        (listener as (detail: Events[K]) => void)(detail);
      } catch (error) {
        // A broken listener must not break the connection or the other listeners.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
