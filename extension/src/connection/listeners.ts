// A minimal typed event source for modules that must not import vscode (they run in node tests too).

export interface Subscription {
  dispose(): void;
}

export class Listeners<T> {
  private readonly handlers = new Set<(value: T) => void>();

  on(handler: (value: T) => void): Subscription {
    this.handlers.add(handler);
    return { dispose: () => this.handlers.delete(handler) };
  }

  emit(value: T): void {
    // A throwing listener must not starve the others (or break the socket's message loop).
    for (const handler of [...this.handlers]) {
      try {
        handler(value);
      } catch (err) {
        console.error('Mocktalk: a listener failed', err);
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
