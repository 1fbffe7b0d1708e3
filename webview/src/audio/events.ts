// A typed listener list: `on` returns its own unsubscribe, so owners can collect disposers.

export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    // A throwing listener must not starve the others (or the audio path that called emit).
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('Mocktalk audio: listener failed', error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
