// A tiny typed emitter: listeners for every event or for one `type`.
export type Unsubscribe = () => void;

/**
 * @example
 * const events = new TypedEmitter<{ type: 'ping' }>();
 * const off = events.on((e) => console.log(e.type));
 * events.emit({ type: 'ping' });
 * off();
 */
export class TypedEmitter<E extends { type: string }> {
  private readonly listeners = new Set<(event: E) => void>();

  /** Listen to every event. */
  on(listener: (event: E) => void): Unsubscribe;
  /** Listen to one event type. */
  on<T extends E['type']>(type: T, listener: (event: Extract<E, { type: T }>) => void): Unsubscribe;
  on(a: string | ((event: E) => void), b?: (event: never) => void): Unsubscribe {
    const listener: (event: E) => void =
      typeof a === 'function' ? a : (event) => event.type === a && (b as (event: E) => void)(event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers synchronously; a throwing listener does not stop the others. */
  emit(event: E): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // a broken subscriber (one server session) must not break the model or other servers
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
