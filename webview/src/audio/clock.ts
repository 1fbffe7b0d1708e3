// Audio-clock ↔ wall-clock: the backend wants capture and playback times in epoch milliseconds.

/** Epoch ms at which `contextTime` on `context`'s timeline is (or was) at the speakers / entering the graph. */
export function contextTimeToEpochMs(context: BaseAudioContext, contextTime: number): number {
  // getOutputTimestamp pairs a context time with the performance time it reaches the output, latency included.
  const stamp = context instanceof AudioContext ? context.getOutputTimestamp() : undefined;
  if (stamp?.contextTime !== undefined && stamp.performanceTime !== undefined && stamp.performanceTime > 0) {
    return performance.timeOrigin + stamp.performanceTime + (contextTime - stamp.contextTime) * 1000;
  }
  return nowEpochMs() - (context.currentTime - contextTime) * 1000;
}

export const nowEpochMs = (): number => performance.timeOrigin + performance.now();
