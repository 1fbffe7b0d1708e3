// What the capture worklet and the page say to each other; a module of its own so that importing it from the page
// does not pull in the worklet (whose registerProcessor only exists in AudioWorkletGlobalScope).

export const CAPTURE_PROCESSOR = 'mocktalk-capture';
/** The page ends the processor with this message; the processor then stops being scheduled. */
export const STOP_MESSAGE = 'stop';
/** Posted for every 20 ms frame; `samples` is transferred. */
export interface CaptureWorkletFrame { contextTime: number; samples: Int16Array }
