// The bounded queue between two pipeline stages. A full queue makes the producer wait (backpressure), so a
// fast TTS cannot run minutes ahead of playback; priority items (system frames) skip both the bound and
// the line, so an interrupt is seen before the audio queued ahead of it.
import { type Frame, isSystemFrame } from './frames';

export interface QueueOptions<T> {
  /** Most non-priority items held at once; a push beyond it waits for the consumer. */
  capacity: number;
  /** Items that bypass the bound and are served before ordinary ones. */
  isPriority?: (item: T) => boolean;
  /** The turn an item belongs to, for clearTurn; undefined for items no turn owns. */
  turnOf?: (item: T) => string | undefined;
}

interface WaitingPush<T> { item: T; resolve: (queued: boolean) => void }

/** How many interrupted turns are remembered, so late pushes of a cleared turn are dropped too. */
const CLEARED_TURNS_KEPT = 32;

export class BoundedQueue<T> implements AsyncIterable<T> {
  private readonly priority: T[] = [];
  private readonly items: T[] = [];
  private readonly waitingPushes: WaitingPush<T>[] = [];
  private readonly waitingShifts: ((item: T | undefined) => void)[] = [];
  private readonly clearedTurns: string[] = [];
  private closed = false;

  constructor(private readonly options: QueueOptions<T>) {
    if (!(options.capacity >= 1)) throw new RangeError('capacity must be at least 1');
  }

  /** Items queued now (priority and ordinary); waiting pushes are not counted. */
  get size(): number { return this.priority.length + this.items.length; }
  get isClosed(): boolean { return this.closed; }

  /**
   * Queues an item; waits while the queue is full. Resolves true once queued, false when the item was
   * dropped (its turn was cleared, or the queue closed).
   */
  push(item: T): Promise<boolean> {
    if (this.closed || this.isCleared(item)) return Promise.resolve(false);
    if (this.options.isPriority?.(item)) {
      if (!this.handToConsumer(item)) this.priority.push(item);
      return Promise.resolve(true);
    }
    if (this.handToConsumer(item)) return Promise.resolve(true);
    if (this.items.length < this.options.capacity) {
      this.items.push(item);
      return Promise.resolve(true);
    }
    return new Promise((resolve) => this.waitingPushes.push({ item, resolve }));
  }

  /** Next item, priority first; undefined once the queue is closed and drained. */
  shift(): Promise<T | undefined> {
    const item = this.priority.shift() ?? this.takeOrdinary();
    if (item !== undefined) return Promise.resolve(item);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waitingShifts.push(resolve));
  }

  /** Drops every queued and waiting item of `turnId`, and any pushed later; returns how many were dropped. */
  clearTurn(turnId: string): number {
    const turnOf = this.options.turnOf;
    if (!turnOf) return 0;
    if (!this.clearedTurns.includes(turnId)) {
      this.clearedTurns.push(turnId);
      if (this.clearedTurns.length > CLEARED_TURNS_KEPT) this.clearedTurns.shift();
    }
    let dropped = removeWhere(this.items, (item) => turnOf(item) === turnId);
    dropped += removeWhere(this.priority, (item) => turnOf(item) === turnId);
    for (let i = this.waitingPushes.length - 1; i >= 0; i--) {
      const waiting = this.waitingPushes[i];
      if (turnOf(waiting.item) !== turnId) continue;
      this.waitingPushes.splice(i, 1);
      waiting.resolve(false);
      dropped++;
    }
    this.admitWaiting();
    return dropped;
  }

  /** No more pushes: waiting producers get false, consumers drain what is queued and then see the end. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiting of this.waitingPushes.splice(0)) waiting.resolve(false);
    if (this.size === 0) for (const resolve of this.waitingShifts.splice(0)) resolve(undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = await this.shift();
      if (item === undefined) return;
      yield item;
    }
  }

  private isCleared(item: T): boolean {
    const turn = this.options.turnOf?.(item);
    return turn !== undefined && this.clearedTurns.includes(turn);
  }

  private handToConsumer(item: T): boolean {
    const consumer = this.waitingShifts.shift();
    if (!consumer) return false;
    consumer(item);
    return true;
  }

  private takeOrdinary(): T | undefined {
    const item = this.items.shift();
    if (item !== undefined) this.admitWaiting();
    return item;
  }

  /** Moves waiting pushes into the freed space, oldest first. */
  private admitWaiting(): void {
    while (this.items.length < this.options.capacity && this.waitingPushes.length > 0) {
      const waiting = this.waitingPushes.shift()!;
      this.items.push(waiting.item);
      waiting.resolve(true);
    }
    if (this.closed && this.size === 0) for (const resolve of this.waitingShifts.splice(0)) resolve(undefined);
  }
}

function removeWhere<T>(list: T[], predicate: (item: T) => boolean): number {
  let kept = 0;
  for (const item of list) if (!predicate(item)) list[kept++] = item;
  const removed = list.length - kept;
  list.length = kept;
  return removed;
}

/** The queue between frame stages: system frames bypass the bound, data frames are cleared with their turn. */
export function createFrameQueue(capacity: number): BoundedQueue<Frame> {
  return new BoundedQueue<Frame>({
    capacity,
    isPriority: isSystemFrame,
    turnOf: (frame) => (isSystemFrame(frame) ? undefined : frame.turnId),
  });
}
